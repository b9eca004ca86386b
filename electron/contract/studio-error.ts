/** Every failure the UI shows: a message for the writer, the detail for a developer. */
export interface StudioError {
  code: string;
  message: string;
  detail?: string;
}
