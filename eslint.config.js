import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "dist-bench/**", "node_modules/**", "notebooks/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The trusted tree: no `any`, and no `as any`-style escape. Non-null assertions on indices are
    // allowed only where the index is proven in range (one comment per function says why).
    files: ["src/trusted/**"],
    rules: { "@typescript-eslint/no-explicit-any": "error", "@typescript-eslint/no-unsafe-function-type": "error" },
  },
  { files: ["bin/**", "scripts/**", "bench/**/*.js"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
);
