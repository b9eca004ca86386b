/**
 * The largest Studio API message over the WebSocket: a picture of up to 42 MB (importImage's
 * limit, which the editor checks before sending), base64, plus the envelope. Anything larger
 * closes that connection (1009), never the server.
 */
export const MAX_STUDIO_MESSAGE_BYTES = 64 * 1024 * 1024;
