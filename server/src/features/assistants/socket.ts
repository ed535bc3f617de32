import { findAssistantSchema, listAssistantsSchema } from '@gptlab/common';
import type { Logger } from '../../logger.ts';
import type { AppSocket } from '../../realtime/socket-server.ts';
import { validatedHandler } from '../../realtime/validated-handler.ts';
import type { AssistantService } from './service.ts';

export function registerAssistantEvents(socket: AppSocket, assistants: AssistantService, logger: Logger): void {
  socket.on('assistant:list', validatedHandler('assistant:list', listAssistantsSchema, logger, (input) =>
    assistants.list(socket.data.userId, input)));
  socket.on('assistant:find', validatedHandler('assistant:find', findAssistantSchema, logger, (input) =>
    assistants.findByCode(socket.data.userId, input.code)));
}
