#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary is installed, else the studio in a browser
// (scripts/start-studio.ts), run under plain Node through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { startStudio } = await import('../scripts/start-studio.ts');
process.exitCode = await startStudio(process.argv.slice(2));
