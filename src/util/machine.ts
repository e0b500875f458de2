/** A one-line description of this machine, for reports and benchmarks. */
import os from "node:os";

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown cpu";
  const load = os.loadavg().map((l) => l.toFixed(2)).join(" ");
  return `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${os.platform()} ${os.arch()}, load average ${load}`;
}
