import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBench } from './bench/folio-bench';
import { App } from './components/App';
import { listenToStudio } from './store/apply-studio-event';
import { connectStudio } from './studio';
import './styles/app.css';

listenToStudio(connectStudio());
if (new URLSearchParams(window.location.search).get('bench') === '1') installBench();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
