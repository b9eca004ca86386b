export { ParagraphBusy, paragraphBusyKey, type ParagraphBusyOptions } from './paragraph-busy';
