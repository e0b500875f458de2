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
    // The trusted kernel: no `any`, no escape hatches.
    files: ["src/verify/**", "src/numbers/**", "src/net/**"],
    rules: { "@typescript-eslint/no-explicit-any": "error", "@typescript-eslint/no-non-null-assertion": "error" },
  },
  { files: ["bin/**", "scripts/**", "bench/**/*.js"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
);
