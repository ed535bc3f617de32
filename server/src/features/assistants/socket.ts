import { assistantRefSchema, emptyPayloadSchema, findAssistantSchema, listAssistantsSchema, setAssistantHiddenSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { AppServer, AppSocket } from '../../realtime/socket-server.ts';
import { requestHandler } from '../../realtime/request-handler.ts';
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
  const handle = requestHandler(socket, logger);
  handle('assistant:list', listAssistantsSchema, (input) => assistants.list(viewer(), input));
  handle('assistant:find', findAssistantSchema, (input) =>
    limits.guessingCodes(socket.data, input.code, () => assistants.findByCode(viewer(), input.code)));
  handle('assistant:set-hidden', setAssistantHiddenSchema, (input) => assistants.setHidden(viewer(), input.assistantId, input.hidden));
  handle('assistant:delete', assistantRefSchema, (input) => assistants.delete(viewer(), input.assistantId));
  handle('lounge:watch', emptyPayloadSchema, async () => {
    await socket.join(loungeRoom);
    return { ok: true, activity: await activity.counts() };
  });
  handle('lounge:unwatch', emptyPayloadSchema, async () => {
    await socket.leave(loungeRoom);
    return { ok: true };
  });
}
