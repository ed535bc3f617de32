// The client's side of the live protocol, free of any framework: the web client, the integration
// tests and the benchmark all follow sessions and co-edit drafts with this same code.
export * from './awareness-wire.ts';
export * from './draft-carets.ts';
export * from './draft-sync.ts';
export * from './reply-assembler.ts';
export * from './session-feed.ts';
