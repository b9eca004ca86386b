/** What the page says once the studio it talked to has stopped (it cannot reconnect: a new one has a new address and token). */
export const STUDIO_STOPPED_MESSAGE =
  'The studio has stopped, so this page cannot reach it. Start it again (npm start, or the Folio app) and open the address it prints.';
