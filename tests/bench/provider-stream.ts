/**
 * `npm run bench:provider`: CPU per streamed token spent reading a reply from the provider, our
 * LlmProvider against the openai SDK's own stream iterator (the baseline), in the same run. The fake
 * provider runs in its own process, so this process's CPU time is the reading alone.
 *
 *   npm run bench:provider [-- --streams=200 --tokens=500]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { createOpenAiProvider } from '../../server/src/llm/openai-provider.ts';

const flag = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const streams = flag('streams', 200);
const tokens = flag('tokens', 500);
const rounds = flag('rounds', 3);
const port = 4400 + Math.floor(Math.random() * 500);
const baseUrl = `http://127.0.0.1:${port}/v1`;
const apiKey = 'sk-test-bench';

const fake = spawn(process.execPath, [fileURLToPath(new URL('../fixtures/fake-provider/cli.ts', import.meta.url))], {
  env: { ...process.env, PORT: String(port), TOKEN_DELAY_MS: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise<void>((resolve) => fake.stdout.once('data', () => resolve()));

const turns = [{ role: 'user' as const, content: `Count [[tokens:${tokens}]]` }];

/** Reads one reply; returns the number of text pieces it arrived in. */
type Reader = () => Promise<number>;

// Built once, as our provider caches its client: the comparison is of reading, not of set-up.
const client = new OpenAI({ apiKey, baseURL: baseUrl, maxRetries: 0 });
const ours = createOpenAiProvider({ idleTimeoutMs: 30_000, requestTimeoutMs: 60_000 });
const streamWith = (provider: typeof ours) => async () => {
  let pieces = 0;
  const request = { model: 'gpt-4o-mini', kind: 'chat' as const, turns, signal: new AbortController().signal };
  for await (const event of provider.streamReply({ apiKey, baseUrl }, request)) if (event.type === 'text') pieces++;
  return pieces;
};
const readers: Record<string, Reader> = {
  'openai SDK stream iterator (baseline)': async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: turns, stream: true, stream_options: { include_usage: true } });
    let pieces = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) pieces++;
    return pieces;
  },
  'our provider (SDK request, own SSE reader)': streamWith(ours),
};

async function measure(reader: Reader) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const pieces = await Promise.all(Array.from({ length: streams }, reader));
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return { cpuMs, wallMs: performance.now() - started, pieces: pieces.reduce((a, b) => a + b, 0) };
}

const totals = new Map<string, { cpuMs: number; wallMs: number; pieces: number }>();
for (const reader of Object.values(readers)) await measure(reader); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [name, reader] of Object.entries(readers)) {
    const r = await measure(reader);
    const t = totals.get(name) ?? { cpuMs: 0, wallMs: 0, pieces: 0 };
    totals.set(name, { cpuMs: t.cpuMs + r.cpuMs, wallMs: t.wallMs + r.wallMs, pieces: t.pieces + r.pieces });
  }
}
fake.kill();

const delivered = streams * tokens * rounds;
const rows = [...totals].map(([name, t]) => ({ name, usPerToken: (t.cpuMs * 1000) / delivered, piecesPerReply: t.pieces / (streams * rounds) }));
const baseline = rows[0]!.usPerToken;
console.log(`${streams} concurrent replies of ${tokens} tokens, ${rounds} rounds; CPU of the reading process per token delivered:`);
for (const row of rows) {
  console.log(`  ${row.name.padEnd(44)} ${row.usPerToken.toFixed(2).padStart(6)} µs/token  ${(row.usPerToken / baseline).toFixed(2)}×  (${row.piecesPerReply.toFixed(0)} text events per reply)`);
}
