import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

/** utime + stime (+ cutime + cstime: exited children reaped by this process) of /proc/<pid>/stat, in seconds. */
function cpuOf(pid: number, withReapedChildren: boolean): { seconds: number; ppid: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // After "pid (comm) ": state, ppid, …; utime, stime, cutime, cstime are fields 14–17 of the line, in ticks (100/s).
  const ticks = Number(fields[11]) + Number(fields[12]) + (withReapedChildren ? Number(fields[13]) + Number(fields[14]) : 0);
  return { seconds: ticks / 100, ppid: Number(fields[1]) };
}

/**
 * CPU time used so far by a PostgreSQL server on this machine: the postmaster, its live backends and
 * helpers, and the backends that already exited (counted in the postmaster's reaped-children time).
 * Benchmarks print the difference around their work, since the server's work is in other processes.
 * Null when the server is not a local process this one can see.
 */
export async function postgresServerCpuSeconds(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const postmaster = cpuOf(rows[0]!.pid, false).ppid;
    let seconds = cpuOf(postmaster, true).seconds;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const process = cpuOf(Number(entry), false);
        if (process.ppid === postmaster) seconds += process.seconds;
      } catch {
        // The process ended while we looked.
      }
    }
    return seconds;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}
