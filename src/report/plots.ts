/** SVGs keyed by file name ("c3-lssr-before-after.svg") as report plots with titles. */
import type { Plot } from "../claims/claim.js";

export const plotsOf = (svgs: Record<string, string>, titles: Record<string, string>): Plot[] =>
  Object.entries(svgs).map(([file, svg]) => ({ name: file.replace(/\.svg$/, ""), title: titles[file] ?? file, svg }));
