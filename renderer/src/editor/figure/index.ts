export { Figure, type FigureOptions } from './figure';
export { figureIndexAt } from './figure-index';
