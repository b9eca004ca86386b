export { ParagraphBusy, type ParagraphBusyOptions } from './paragraph-busy';
