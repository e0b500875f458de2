/** Minimal XML well-formedness check for our SVGs: balanced tags, one root, escaped text. */
export function wellFormed(svg: string): boolean {
  const body = svg.replace(/^<\?xml[^>]*\?>\s*/, "");
  const stack: string[] = [];
  for (const m of body.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    if (m[4] === "/") continue;
    if (m[1] === "/") {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]!);
  }
  return stack.length === 0 && body.startsWith("<svg") && !/&(?!amp;|lt;|gt;|quot;|apos;)/.test(body);
}
