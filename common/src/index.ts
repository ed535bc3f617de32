import './zod-config.ts';

export * from './errors.ts';
export * from './limits.ts';
export * from './events.ts';
export * from './schemas/auth.ts';
export * from './schemas/models.ts';
export * from './schemas/session.ts';
export * from './schemas/assistant.ts';
export * from './schemas/draft.ts';
