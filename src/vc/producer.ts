/**
 * Producers propose nets; only the kernel certifies them. A producer is any function from a labeled
 * point set and a depth budget to a candidate net (or undefined when it has none). `attempt` counts
 * retries after a kernel refusal so a producer can spend more bits or try another design.
 */
import type { Label } from "../trusted/net/dataset.js";
import type { Net } from "../trusted/net/model.js";
import type { Points } from "./labelings.js";

export type Producer = (points: Points, labels: readonly Label[], depth: number, attempt?: number) => Net | undefined;
