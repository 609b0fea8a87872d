#!/usr/bin/env node
// Store benchmark: the operations the services run against MongoDB, timed against one or more
// MongoDB-compatible stores (normally FerretDB on PostgreSQL and on SQLite, started by
// deploy/bench/store.sh). Each store gets a fresh database with a prefilled `conversations`
// collection shaped like the platform's; every operation runs for a fixed time slice at
// concurrency 1, then 8. Prints a table (ops/s, p50, p99), the PG/SQLite ratios when both
// backends ran, and a one-line summary. Exits non-zero only on errors, never on slow figures.
//
// Usage: node tools/bench/store-bench.mjs --store NAME=MONGO_URI [--store ...]
//          [--seconds 3] [--docs 10000] [--concurrency 1,8] [--quick]
//   --quick   smoke run: 0.5 s slices, 2,000 documents
// Environment: BENCH_SECONDS, BENCH_DOCS (the options win).
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';

const STATUSES = ['bot', 'awaiting_agent', 'queued', 'assigned'];
const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl'];
const CHANNELS = ['web', 'whatsapp', 'sms', 'email'];
const TIERS = ['standard', 'gold', 'platinum'];
const TENANTS = 20;
const BATCH = 50; // insertMany and bulkWrite size
// A hung store fails the run instead of stalling it. Generous: at concurrency 8 a write waits for
// the seven queued before it, and one bulkWrite on FerretDB/SQLite takes seconds.
const OP_TIMEOUT_MS = 600_000;

function options() {
  const { values } = parseArgs({
    options: {
      store: { type: 'string', multiple: true, default: [] },
      seconds: { type: 'string' },
      docs: { type: 'string' },
      concurrency: { type: 'string', default: '1,8' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || values.store.length === 0) {
    console.error(
      'usage: store-bench.mjs --store NAME=MONGO_URI [--store ...] [--seconds S] [--docs N] [--quick]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const number = (name, raw, min) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min)
      throw new Error(`--${name} must be a number >= ${min}, got '${raw}'`);
    return n;
  };
  const stores = values.store.map((spec) => {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw new Error(`--store wants NAME=MONGO_URI, got '${spec}'`);
    return { name: spec.slice(0, eq), uri: spec.slice(eq + 1) };
  });
  return {
    stores,
    seconds: number(
      'seconds',
      values.seconds ?? process.env.BENCH_SECONDS ?? (values.quick ? 0.5 : 3),
      0.1,
    ),
    docs: Math.floor(
      number('docs', values.docs ?? process.env.BENCH_DOCS ?? (values.quick ? 2000 : 10_000), 100),
    ),
    concurrency: values.concurrency.split(',').map((c) => Math.floor(number('concurrency', c, 1))),
  };
}

// --- data ----------------------------------------------------------------------------------------

function conversation(id, n, now) {
  const startedAt = new Date(now - (n % 86_400) * 1000);
  return {
    _id: id,
    tenantId: `t${n % TENANTS}`,
    channel: CHANNELS[n % CHANNELS.length],
    language: LANGUAGES[n % LANGUAGES.length],
    customer: {
      customerId: `cust-${n}`,
      displayName: `Customer ${n}`,
      email: `customer${n}@example.test`,
      tier: TIERS[n % TIERS.length],
    },
    // Independent of the tenant (n % TENANTS): every tenant has conversations in every status.
    status: STATUSES[statusIndex(n)],
    variables: { orderId: `ord-${n}`, intent: 'refund', attempts: n % 5, verified: n % 2 === 0 },
    transcript: [
      { messageId: `m-${n}-1`, sender: 'customer', text: 'Where is my refund?', sentAt: startedAt },
      {
        messageId: `m-${n}-2`,
        sender: 'bot',
        text: 'Let me check that for you.',
        sentAt: startedAt,
        bot: { intent: 'refund', confidence: 0.82 },
      },
    ],
    startedAt,
    createdAt: startedAt,
    updatedAt: startedAt,
  };
}

const randomInt = (n) => Math.floor(Math.random() * n);
const prefilledId = (n) => `conv-${n}`;
const statusIndex = (n) => Math.floor(n / TENANTS) % STATUSES.length;

// --- operations ----------------------------------------------------------------------------------

// Each op gets ({ coll, inserts }, worker, workers, seq). Inserts go to a second collection with
// the same indexes, so that the reads and updates always see the prefilled documents and no more.
function operations(docs, runId) {
  // Conditional updates: each worker flips its own 'bot' documents, so a miss is a real error.
  // The k-th 'bot' document: n with statusIndex(n) == 0, i.e. n % (TENANTS * 4) < TENANTS.
  const cycle = TENANTS * STATUSES.length;
  const bots = Math.floor(docs / cycle) * TENANTS + Math.min(docs % cycle, TENANTS);
  const botDoc = (worker, workers) => {
    const perWorker = Math.floor(bots / workers);
    const k = worker * perWorker + randomInt(perWorker);
    return prefilledId(Math.floor(k / TENANTS) * cycle + (k % TENANTS));
  };
  return [
    {
      name: 'insertOne',
      run: async ({ inserts }, w, ws, seq) => {
        const id = `ins-${runId}-${ws}-${w}-${seq}`;
        await inserts.insertOne(conversation(id, docs + randomInt(1e6), Date.now()));
      },
    },
    {
      name: `insertMany ${BATCH}`,
      docsPerOp: BATCH,
      run: async ({ inserts }, w, ws, seq) => {
        const now = Date.now();
        const batch = [];
        for (let i = 0; i < BATCH; i++) {
          batch.push(conversation(`many-${runId}-${ws}-${w}-${seq}-${i}`, docs + i, now));
        }
        await inserts.insertMany(batch);
      },
    },
    {
      name: 'findOne _id',
      run: async ({ coll }) => {
        const doc = await coll.findOne({ _id: prefilledId(randomInt(docs)) });
        if (!doc) throw new Error('findOne by _id found nothing');
      },
    },
    {
      name: 'findOne _id+tenantId',
      run: async ({ coll }) => {
        const n = randomInt(docs);
        const doc = await coll.findOne({ _id: prefilledId(n), tenantId: `t${n % TENANTS}` });
        if (!doc) throw new Error('findOne by _id and tenantId found nothing');
      },
    },
    {
      name: 'find tenantId+status (20)',
      run: async ({ coll }) => {
        const tenantId = `t${randomInt(TENANTS)}`;
        const status = STATUSES[randomInt(STATUSES.length)];
        const found = await coll.find({ tenantId, status }).limit(20).toArray();
        if (found.length === 0) throw new Error(`find by tenantId and status found nothing`);
      },
    },
    {
      name: 'updateOne $set',
      run: async ({ coll }) => {
        const r = await coll.updateOne(
          { _id: prefilledId(randomInt(docs)) },
          { $set: { 'variables.lastIntent': 'refund', updatedAt: new Date() } },
        );
        if (r.matchedCount !== 1) throw new Error(`updateOne $set matched ${r.matchedCount}`);
      },
    },
    {
      name: 'updateOne $push',
      run: async ({ coll }, w, ws, seq) => {
        const entry = {
          messageId: `p-${runId}-${ws}-${w}-${seq}`,
          sender: 'customer',
          text: 'Any news?',
          sentAt: new Date(),
        };
        const r = await coll.updateOne(
          { _id: prefilledId(randomInt(docs)) },
          { $push: { transcript: entry }, $set: { updatedAt: new Date() } },
        );
        if (r.matchedCount !== 1) throw new Error(`updateOne $push matched ${r.matchedCount}`);
      },
    },
    {
      name: 'findOneAndUpdate cond.',
      // One op is one findOneAndUpdate; each run does two (bot -> awaiting_agent -> bot).
      opsPerRun: 2,
      run: async ({ coll }, w, ws) => {
        const _id = botDoc(w, ws);
        const there = await coll.findOneAndUpdate(
          { _id, status: 'bot' },
          { $set: { status: 'awaiting_agent' } },
        );
        if (!there) throw new Error(`conditional findOneAndUpdate: ${_id} was not 'bot'`);
        const back = await coll.findOneAndUpdate(
          { _id, status: 'awaiting_agent' },
          { $set: { status: 'bot' } },
        );
        if (!back) throw new Error(`conditional findOneAndUpdate: ${_id} was not 'awaiting_agent'`);
      },
    },
    {
      name: `bulkWrite ${BATCH} updateOne`,
      docsPerOp: BATCH,
      run: async ({ coll }) => {
        const ops = [];
        for (let i = 0; i < BATCH; i++) {
          const filter = { _id: prefilledId(randomInt(docs)) };
          ops.push({ updateOne: { filter, update: { $set: { updatedAt: new Date() } } } });
        }
        const r = await coll.bulkWrite(ops);
        if (r.matchedCount !== BATCH)
          throw new Error(`bulkWrite matched ${r.matchedCount} of ${BATCH}`);
      },
    },
  ];
}

// --- measurement ---------------------------------------------------------------------------------

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timeSlice(collections, op, workers, seconds) {
  const latencies = [];
  let calls = 0;
  let failure;
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async (w) => {
    for (let seq = 0; performance.now() < end && !failure; seq++) {
      const t0 = performance.now();
      try {
        await op.run(collections, w, workers, seq);
      } catch (err) {
        failure ??= err; // the other workers stop after their current call
        return;
      }
      const dt = performance.now() - t0;
      const per = op.opsPerRun ?? 1;
      for (let i = 0; i < per; i++) latencies.push(dt / per);
      calls += per;
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  if (failure) throw failure;
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: calls,
    opsPerSec: calls / elapsed,
    docsPerSec: (calls * (op.docsPerOp ?? 1)) / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function createIndexes(coll) {
  await coll.createIndex({ tenantId: 1 });
  await coll.createIndex({ tenantId: 1, status: 1 });
}

async function prefill(coll, docs) {
  await createIndexes(coll);
  const now = Date.now();
  for (let start = 0; start < docs; start += 500) {
    const batch = [];
    for (let n = start; n < Math.min(docs, start + 500); n++)
      batch.push(conversation(prefilledId(n), n, now));
    await coll.insertMany(batch, { ordered: false });
  }
  const count = await coll.countDocuments({});
  if (count !== docs) throw new Error(`prefill: ${count} documents instead of ${docs}`);
}

async function benchStore(store, opts, results, errors) {
  const maxWorkers = Math.max(...opts.concurrency);
  const client = new MongoClient(store.uri, {
    maxPoolSize: maxWorkers + 2,
    serverSelectionTimeoutMS: 10_000,
    socketTimeoutMS: OP_TIMEOUT_MS,
    appName: 'handoff-store-bench',
  });
  const runId = Date.now().toString(36);
  const dbName = `bench_store_${runId}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await client.connect();
    const admin = client.db('admin');
    const build = await admin.command({ buildInfo: 1 }).catch(() => ({}));
    const db = client.db(dbName);
    const coll = db.collection('conversations');
    const inserts = db.collection('inserted_conversations');
    const label = build.ferretdbVersion
      ? `FerretDB (MongoDB ${build.version})`
      : `MongoDB ${build.version ?? '?'}`;
    console.error(
      `[${store.name}] ${label}; database ${dbName}; prefilling ${opts.docs} documents...`,
    );
    const t0 = performance.now();
    await prefill(coll, opts.docs);
    await createIndexes(inserts);
    const prefillSecs = (performance.now() - t0) / 1000;
    console.error(
      `[${store.name}] prefilled in ${prefillSecs.toFixed(1)} s (${Math.round(opts.docs / prefillSecs)} docs/s)`,
    );
    // Open the connections before timing anything.
    await Promise.all(Array.from({ length: maxWorkers }, () => admin.command({ ping: 1 })));

    for (const op of operations(opts.docs, runId)) {
      for (const workers of opts.concurrency) {
        const row = { op: op.name, store: store.name, workers };
        try {
          Object.assign(row, await timeSlice({ coll, inserts }, op, workers, opts.seconds));
        } catch (err) {
          row.error = err?.message ?? String(err);
          errors.push(`${store.name} ${op.name} x${workers}: ${row.error}`);
        }
        results.push(row);
        console.error(
          `[${store.name}] ${op.name.padEnd(26)} x${workers}: ` +
            (row.error
              ? `ERROR ${row.error}`
              : `${fmtRate(row.opsPerSec)} ops/s, p50 ${fmtMs(row.p50)} ms, p99 ${fmtMs(row.p99)} ms`),
        );
      }
    }
  } catch (err) {
    errors.push(`${store.name}: ${err?.message ?? String(err)}`);
    console.error(`[${store.name}] ERROR ${err?.message ?? err}`);
  } finally {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => {});
    await client.close().catch(() => {});
  }
}

// --- output --------------------------------------------------------------------------------------

function fmtRate(x) {
  if (!Number.isFinite(x)) return '-';
  return x >= 100 ? String(Math.round(x)) : x.toFixed(1);
}
function fmtMs(x) {
  if (!Number.isFinite(x)) return '-';
  return x >= 100 ? String(Math.round(x)) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}
function fmtRatio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '-';
  return a / b >= 10 ? (a / b).toFixed(1) : (a / b).toFixed(2);
}

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function report(opts, results, stores) {
  const find = (op, store, workers) =>
    results.find((r) => r.op === op && r.store === store && r.workers === workers);
  const ops = [...new Set(results.map((r) => r.op))];

  console.log(
    `\nstore benchmark: ${opts.seconds} s per slice at concurrency ${opts.concurrency.join(' and ')}; ` +
      `reads and updates on ${opts.docs} documents, inserts into a second collection\n`,
  );
  const rows = [];
  for (const op of ops) {
    for (const s of stores) {
      for (const c of opts.concurrency) {
        const r = find(op, s.name, c);
        if (!r) continue;
        rows.push(
          r.error
            ? [op, s.name, c, 'ERROR', '-', '-']
            : [op, s.name, c, fmtRate(r.opsPerSec), fmtMs(r.p50), fmtMs(r.p99)],
        );
      }
    }
  }
  console.log(table(['operation', 'store', 'concurrency', 'ops/s', 'p50 ms', 'p99 ms'], rows));

  const names = stores.map((s) => s.name);
  const both = names.includes('postgresql') && names.includes('sqlite');
  const rate = (op, store, c) => find(op, store, c)?.opsPerSec ?? NaN;
  if (both) {
    console.log('\nbaseline: sqlite (ratio = postgresql ops/s / sqlite ops/s)\n');
    const ratioRows = [];
    for (const op of ops) {
      for (const c of opts.concurrency) {
        const pg = rate(op, 'postgresql', c);
        const sq = rate(op, 'sqlite', c);
        ratioRows.push([op, c, fmtRate(pg), fmtRate(sq), fmtRatio(pg, sq)]);
      }
    }
    console.log(
      table(
        ['operation', 'concurrency', 'postgresql ops/s', 'sqlite ops/s', 'PG/SQLite'],
        ratioRows,
      ),
    );
  }

  const c1 = opts.concurrency[0];
  const findOne = (s) => rate('findOne _id', s, c1);
  const manyDocs = (s) => find(`insertMany ${BATCH}`, s, c1)?.docsPerSec ?? NaN;
  console.log('');
  if (both) {
    console.log(
      `store: postgresql ${fmtRate(findOne('postgresql'))} findOne/s, sqlite ${fmtRate(findOne('sqlite'))} findOne/s, ` +
        `ratio ${fmtRatio(findOne('postgresql'), findOne('sqlite'))}; insertMany postgresql ${fmtRate(manyDocs('postgresql'))} docs/s, ` +
        `sqlite ${fmtRate(manyDocs('sqlite'))} docs/s, ratio ${fmtRatio(manyDocs('postgresql'), manyDocs('sqlite'))} ` +
        `(findOne by _id and insertMany of ${BATCH} at concurrency ${c1})`,
    );
  } else {
    console.log(
      'store: ' +
        names
          .map(
            (s) =>
              `${s} ${fmtRate(findOne(s))} findOne/s, ${fmtRate(manyDocs(s))} insertMany docs/s`,
          )
          .join('; ') +
        ` (concurrency ${c1})`,
    );
  }
}

async function main() {
  let opts;
  try {
    opts = options();
  } catch (err) {
    console.error(`store-bench: ${err.message}`);
    process.exit(2);
  }
  const results = [];
  const errors = [];
  for (const store of opts.stores) await benchStore(store, opts, results, errors);
  report(opts, results, opts.stores);
  if (errors.length > 0) {
    console.error(`\nstore-bench: ${errors.length} error(s):\n  ${errors.join('\n  ')}`);
    process.exit(1);
  }
}

await main();
