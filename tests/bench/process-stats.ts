import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux reports process CPU in clock ticks; 100 per second on every kernel we run on. */
const ticksPerSecond = 100;

/** CPU seconds (user + system, all threads) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory of a process in bytes, from /proc. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : Number.NaN;
}

/**
 * What a process's resident memory is made of: anonymous memory (the JS heap, malloc, buffers) and
 * file-backed pages (the node binary, shared libraries), in bytes.
 */
export function residentParts(pid: number): { anonymousBytes: number; fileBytes: number } {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? Number.NaN) * 1024;
  const anonymousBytes = kb('Anonymous');
  return { anonymousBytes, fileBytes: kb('Rss') - anonymousBytes };
}

/** The processes a process has forked (a cluster primary's workers). */
export function childPids(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Busy and total jiffies of the whole machine, to tell whether the load generator ran out of CPU. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuReading {
  /** Percent of one core over the interval (200 = two cores busy). */
  percent: number;
  seconds: number;
}

/** CPU use of some processes and of the machine between start() and stop(). */
export class CpuMeter {
  private readonly pids: number[];
  private startedAt = 0;
  private startCpu: number[] = [];
  private startMachine = machineTicks();
  private startSelf = process.cpuUsage();

  constructor(pids: number[]) {
    this.pids = pids;
  }

  start(): void {
    this.startedAt = performance.now();
    this.startCpu = this.pids.map(cpuSeconds);
    this.startMachine = machineTicks();
    this.startSelf = process.cpuUsage();
  }

  stop(): { processes: CpuReading[]; benchProcess: CpuReading; machineBusyPercent: number; cores: number } {
    const elapsed = (performance.now() - this.startedAt) / 1000;
    const reading = (seconds: number): CpuReading => ({ seconds, percent: (100 * seconds) / elapsed });
    const processes = this.pids.map((pid, i) => reading(cpuSeconds(pid) - (this.startCpu[i] ?? 0)));
    const self = process.cpuUsage(this.startSelf);
    const machine = machineTicks();
    const busy = machine.busy - this.startMachine.busy;
    const total = machine.total - this.startMachine.total;
    return { processes, benchProcess: reading((self.user + self.system) / 1e6), machineBusyPercent: total ? (100 * busy) / total : Number.NaN, cores: cpus().length };
  }
}

/** Samples a process's CPU every `intervalMs`; the peak shows a storm that an average hides. */
export class CpuSampler {
  private readonly pid: number;
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private lastAt = 0;
  readonly samples: number[] = [];

  constructor(pid: number) {
    this.pid = pid;
  }

  start(intervalMs = 250): void {
    this.last = cpuSeconds(this.pid);
    this.lastAt = performance.now();
    this.timer = setInterval(() => {
      try {
        const cpu = cpuSeconds(this.pid);
        const at = performance.now();
        this.samples.push((100 * (cpu - this.last) * 1000) / (at - this.lastAt));
        this.last = cpu;
        this.lastAt = at;
      } catch {
        this.stop(); // the process is gone
      }
    }, intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get peak(): number {
    return this.samples.length ? Math.max(...this.samples) : Number.NaN;
  }
}
