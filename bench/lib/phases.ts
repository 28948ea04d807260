/**
 * Where a bench run spends its time: wall clock and CPU per phase, for the summary printed at the end
 * of every run and stored in latest.json. CPU counts this process and every process it started
 * (Chromium and its renderers, Pagefind's service), read from /proc, so a run on a loaded machine can
 * still be projected to a quiet one: a phase that mostly waits on its own CPU work would take about its
 * CPU time when nothing else runs (less when it keeps both cores busy).
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface Phase {
  name: string;
  wallMs: number;
  /** CPU of this process and its descendants during the phase, ms (null where /proc is unavailable). */
  cpuMs: number | null;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Parent pid and utime + stime + cutime + cstime (ms) from the text of a /proc/<pid>/stat file. */
export function parseStat(text: string): { ppid: number; ms: number } {
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): field n is f[n - 3].
  const n = (i: number) => Number(f[i - 3]);
  return { ppid: n(4), ms: (n(14) + n(15) + n(16) + n(17)) * TICK_MS };
}

function statOf(pid: string): { ppid: number; ms: number } | undefined {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * CPU ms used so far by process `root` and all its live descendants (children that already exited
 * count through their parent's cutime/cstime once reaped), or null without /proc.
 */
export function treeCpuMs(root = process.pid): number | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const p of pids) {
    const s = statOf(p);
    if (s) stats.set(Number(p), s);
  }
  if (!stats.has(root)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.ms ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export class PhaseClock {
  readonly phases: Phase[] = [];
  private readonly t0 = performance.now();
  /** End of the last phase: the time between phases counts as `other`. */
  private mark = { wall: this.t0, cpu: treeCpuMs() };

  /**
   * Runs `fn` as the phase `name` (phases of the same name add up). A phase whose CPU reading went
   * down (processes that exited without their parent collecting their time, e.g. Chromium shutting
   * down) gets no CPU figure.
   */
  async run<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const w = performance.now();
    const c = treeCpuMs();
    this.add('other', w - this.mark.wall, delta(this.mark.cpu, c));
    try {
      return await fn();
    } finally {
      const c1 = treeCpuMs();
      const end = performance.now();
      this.add(name, end - w, delta(c, c1));
      this.mark = { wall: end, cpu: c1 };
    }
  }

  private add(name: string, wallMs: number, cpuMs: number | null): void {
    const prev = this.phases.find((p) => p.name === name);
    if (!prev) this.phases.push({ name, wallMs, cpuMs });
    else {
      prev.wallMs += wallMs;
      prev.cpuMs = prev.cpuMs === null || cpuMs === null ? null : prev.cpuMs + cpuMs;
    }
  }

  /** Every phase, `other` (time between phases) last, and totals (CPU: the sum of the known phases). */
  summary(): { phases: Phase[]; totalMs: number; totalCpuMs: number | null } {
    const now = performance.now();
    const c = treeCpuMs();
    const phases = this.phases.map((p) => ({ ...p }));
    const other = phases.find((p) => p.name === 'other') ?? { name: 'other', wallMs: 0, cpuMs: 0 };
    const rest = delta(this.mark.cpu, c);
    other.wallMs += now - this.mark.wall;
    other.cpuMs = other.cpuMs === null || rest === null ? null : other.cpuMs + rest;
    const list = [...phases.filter((p) => p.name !== 'other'), other];
    const known = list.filter((p) => p.cpuMs !== null);
    return { phases: list, totalMs: now - this.t0, totalCpuMs: known.length ? known.reduce((a, p) => a + p.cpuMs!, 0) : null };
  }
}

const delta = (a: number | null, b: number | null) => (a === null || b === null || b < a ? null : b - a);

/** Plain-text summary, one phase a line, for the end of the run's log. */
export function formatPhases(s: { phases: Phase[]; totalMs: number; totalCpuMs: number | null }): string {
  const sec = (ms: number | null) => (ms === null ? '   n/a' : (ms / 1000).toFixed(1).padStart(6));
  const width = Math.max(...s.phases.map((p) => p.name.length), 5);
  const lines = ['phase'.padEnd(width) + '   wall s    cpu s'];
  for (const p of s.phases) lines.push(`${p.name.padEnd(width)}   ${sec(p.wallMs)}   ${sec(p.cpuMs)}`);
  lines.push(`${'total'.padEnd(width)}   ${sec(s.totalMs)}   ${sec(s.totalCpuMs)}`);
  return lines.join('\n');
}
