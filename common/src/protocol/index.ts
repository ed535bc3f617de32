// The client's side of the live protocol, free of any framework: the web client, the integration
// tests and the benchmark all follow sessions with this same code.
export * from './reply-assembler.ts';
export * from './session-feed.ts';
