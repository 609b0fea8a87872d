import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot, services, startPlatform, type Platform } from '../support/platform.js';
import { HandoffLoad, type HandoffTimes } from './handoff-load.js';
import { describeLatency } from './latency.js';
import { RawKafkaProbe } from './raw-kafka.js';
import { ServiceMetrics } from './service-metrics.js';
import { ProcessSampler } from './rss.js';
import { readAgent } from '../support/agent-reads.js';

/**
 * `npm run bench:platform [-- --quick | --rates=50,100]`: the platform as the demo runs it, 1,000 agents online, conversations
 * that end with a request for a human offered at rising rates. For each rate: how many handoffs
 * were decided per second, the latency from the customer's request to the routing decision (and
 * per stage, to show where the time goes), what was left undecided, the raw Kafka latency of the
 * same broker at the same time, and each service's peak memory.
 */
const quick = process.argv.includes('--quick');
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:39092').split(',');
const mongoUrl = process.env['MONGO_URL'] ?? 'mongodb://127.0.0.1:57017';
const basePort = Number(process.env['BENCH_BASE_PORT'] ?? 28300);
const runId = `bench${Date.now().toString(36)}`;
const tenantId = `bench-${runId}`;
const ratesArgument = process.argv.find((argument) => argument.startsWith('--rates='));
const rates = ratesArgument
  ? ratesArgument.slice('--rates='.length).split(',').map(Number)
  : quick
    ? [1, 5]
    : [1, 5, 20, 50, 100, 150, 200, 250, 300, 400];
const agentCount = quick ? 100 : 1000;
const drainMs = quick ? 15_000 : 30_000;
const latencyLimitMs = 1000;
const warmUpRate = 100;

interface StepResult {
  rate: number;
  offered: number;
  decidedPerSecond: number;
  p50: number;
  p99: number;
  undecided: number;
  rawP99: number;
  stages: { recorded: number; escalated: number; decided: number };
  rss: Record<string, number>;
  cpu: Record<string, number>;
}

async function main(): Promise<void> {
  console.log(
    `bench:platform ${quick ? '(quick) ' : ''}on ${brokers.join(',')} and ${mongoUrl.replace(/\/\/[^@]*@/, '//')}`,
  );
  const platform = await startPlatform({
    runId,
    brokers,
    mongoUrl,
    basePort,
    logDir: join(repoRoot, '.local', 'bench', 'logs'),
  });
  const rss = new ProcessSampler(
    Object.fromEntries(services.map((name) => [name, platform.pid(name)])),
    infrastructurePatterns(),
  );
  const raw = new RawKafkaProbe(brokers, runId);
  const inside = new ServiceMetrics(
    Object.fromEntries(services.map((name) => [name, platform.url(name)])),
  );
  const load = new HandoffLoad(brokers, runId, tenantId);
  rss.start();
  try {
    await raw.start();
    const baseline = describeLatency(await raw.measure(100, quick ? 2 : 5));
    console.log(
      `raw kafka produce->consume at 100/s: p50 ${baseline.p50} ms, p99 ${baseline.p99} ms`,
    );

    await load.start();
    const agents = await load.agentsOnline(agentCount);
    const settled = Date.now();
    await waitForAgents(platform, agents);
    console.log(
      `${agentCount} agents online in presence after ${((Date.now() - settled) / 1000).toFixed(1)} s`,
    );

    // Fresh processes compile their hot code in the first seconds of load: warm them up unmeasured.
    if (!quick) {
      await step(load, raw, rss, warmUpRate, 'warm-up');
      console.log(`warmed up with ${warmUpRate * 10} handoffs at ${warmUpRate}/s`);
      await inside.take();
    }
    const results: StepResult[] = [];
    printHeader();
    for (const rate of rates) {
      const result = await step(load, raw, rss, rate);
      results.push(result);
      printRow(result);
      printCpu(result);
      for (const line of await inside.take()) console.log(`${''.padStart(10)} ${line}`);
      // One more rate after the first miss shows how it degrades; then stop.
      if (results.filter((earlier) => !passed(earlier)).length >= 2) break;
    }
    // Sustained: the highest rate such that it and every rate below it passed.
    const firstMiss = results.findIndex((result) => !passed(result));
    const sustained = (firstMiss === -1 ? results : results.slice(0, firstMiss)).at(-1);
    console.log(
      `platform: ${sustained?.rate ?? 0} handoffs/s sustained, p99 ${sustained ? Math.round(sustained.p99) : 'n/a'} ms, raw kafka p99 ${baseline.p99} ms`,
    );
  } finally {
    rss.stop();
    await load.stop().catch(() => undefined);
    await raw.stop().catch(() => undefined);
    await platform.stop();
  }
}

async function step(
  load: HandoffLoad,
  raw: RawKafkaProbe,
  rss: ProcessSampler,
  rate: number,
  name = `r${rate}`,
): Promise<StepResult> {
  const count = quick ? 20 : Math.max(150, rate * 10);
  rss.take();
  const rawDuring = raw.measure(10, count / rate);
  const started = Date.now();
  const ids = await load.offer(name, rate, count);
  const deadline = Date.now() + drainMs;
  const undecided = () => ids.filter((id) => load.handoffs.get(id)!.decidedAt === undefined).length;
  while (undecided() > 0 && Date.now() < deadline) await sleep(100);
  const times = ids.map((id) => load.handoffs.get(id)!);
  const decided = times.filter(
    (t): t is Required<HandoffTimes> =>
      t.decidedAt !== undefined && t.escalatedAt !== undefined && t.recordedAt !== undefined,
  );
  const lastDecision = Math.max(...decided.map((t) => t.decidedAt), started + 1);
  const total = describeLatency(decided.map((t) => t.decidedAt - t.sentAt));
  return {
    rate,
    offered: count,
    decidedPerSecond: (decided.length * 1000) / (lastDecision - started),
    p50: total.p50,
    p99: total.p99,
    undecided: undecided(),
    rawP99: describeLatency(await rawDuring).p99,
    stages: {
      recorded: describeLatency(decided.map((t) => t.recordedAt - t.sentAt)).p50,
      escalated: describeLatency(decided.map((t) => t.escalatedAt - t.recordedAt)).p50,
      decided: describeLatency(decided.map((t) => t.decidedAt - t.escalatedAt)).p50,
    },
    ...(({ rssMb, cpuPercent }) => ({ rss: rssMb, cpu: cpuPercent }))(rss.take()),
  };
}

/** The broker and store this run started (their ports come from bench:platform's script), for CPU figures. */
function infrastructurePatterns(): Record<string, RegExp> {
  const kafkaPort = process.env['KAFKA_PORT'];
  const storePort = process.env['FERRETDB_PORT'];
  return {
    ...(kafkaPort ? { kafka: new RegExp(`kafka-${kafkaPort}/server\\.properties`) } : {}),
    ...(storePort
      ? {
          ferretdb: new RegExp(`ferretdb-server -port ${storePort} `),
          postgres: new RegExp(`^(\\S+/postgres -D \\S+/postgres-${storePort}/|postgres: )`),
        }
      : {}),
    bench: /platform-bench\.js/,
  };
}

function passed(result: StepResult): boolean {
  return result.undecided === 0 && result.p99 <= latencyLimitMs;
}

/** Presence has applied every agent's status (it reads them from Kafka, in any order across partitions). */
async function waitForAgents(platform: Platform, agents: string[]): Promise<void> {
  const sample = agents
    .filter((_, index) => index % Math.max(1, Math.floor(agents.length / 50)) === 0)
    .concat(agents.at(-1)!);
  const deadline = Date.now() + 600_000;
  for (const agentId of sample) {
    while (
      (await readAgent(platform.url('presence'), tenantId, agentId).catch(() => undefined))
        ?.status !== 200
    ) {
      if (Date.now() > deadline)
        throw new Error(`presence did not learn of ${agentId} within 10 minutes`);
      await sleep(200);
    }
  }
}

const columns = [
  'offered/s',
  'handoffs',
  'decided/s',
  'p50 ms',
  'p99 ms',
  'undecided',
  'raw p99',
  'msg->rec',
  'rec->esc',
  'esc->dec',
  'RSS MB c/s/r/p',
];

function printHeader(): void {
  console.log(columns.map((column) => column.padStart(10)).join(' '));
}

function printCpu(r: StepResult): void {
  const shares = Object.entries(r.cpu)
    .sort(([, a], [, b]) => b - a)
    .map(([name, percent]) => `${name} ${percent}%`);
  console.log(`${''.padStart(10)} cpu (of one core): ${shares.join(', ')}`);
}

function printRow(r: StepResult): void {
  const ms = (value: number) => (Number.isNaN(value) ? '-' : String(Math.round(value)));
  const memory = services.map((name) => r.rss[name] ?? '-').join('/');
  const cells = [
    r.rate,
    r.offered,
    r.decidedPerSecond.toFixed(1),
    ms(r.p50),
    ms(r.p99),
    r.undecided,
    ms(r.rawP99),
    ms(r.stages.recorded),
    ms(r.stages.escalated),
    ms(r.stages.decided),
    memory,
  ];
  console.log(cells.map((cell) => String(cell).padStart(10)).join(' '));
}

main().catch((error) => {
  console.error(
    `bench:platform failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
  );
  process.exit(1);
});
