import { type Ack, assistantRefSchema, emptyPayloadSchema, findAssistantSchema, listAssistantsSchema, setAssistantHiddenSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { validatedHandler } from '../../realtime/validated-handler.ts';
import type { RateLimits } from '../limits/service.ts';
import type { LiveActivity } from './activity.ts';
import type { AssistantService } from './service.ts';

const loungeRoom = 'lounge';

/** Pushes a changed activity count to every tab watching the Lounge, on every instance. */
export function announceActivity(io: AppServer): (assistantId: string, activeSessions: number) => void {
  return (assistantId, activeSessions) => io.to(loungeRoom).emit('assistant:activity', { assistantId, activeSessions });
}

export function registerAssistantEvents(socket: AppSocket, assistants: AssistantService, activity: LiveActivity, limits: RateLimits, logger: Logger): void {
  const viewer = () => socket.data.userId;
  socket.on('assistant:list', validatedHandler('assistant:list', listAssistantsSchema, logger, (input) => assistants.list(viewer(), input)));
  socket.on('assistant:find', validatedHandler('assistant:find', findAssistantSchema, logger, (input) =>
    limits.guessingCodes(socket.data, input.code, () => assistants.findByCode(viewer(), input.code))));
  socket.on('assistant:set-hidden', validatedHandler('assistant:set-hidden', setAssistantHiddenSchema, logger, (input) => assistants.setHidden(viewer(), input.assistantId, input.hidden)));
  socket.on('assistant:delete', validatedHandler('assistant:delete', assistantRefSchema, logger, (input) => assistants.delete(viewer(), input.assistantId)));
  socket.on('lounge:watch', validatedHandler('lounge:watch', emptyPayloadSchema, logger, async () => {
    await socket.join(loungeRoom);
    return { ok: true, activity: await activity.counts() };
  }));
  socket.on('lounge:unwatch', validatedHandler('lounge:unwatch', emptyPayloadSchema, logger, async (): Promise<Ack> => {
    await socket.leave(loungeRoom);
    return { ok: true };
  }));
}
