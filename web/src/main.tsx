import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The base styles first: page styles (chat.css) come later and may refine them.
import './styles.css';
import { adoptTokenFromUrl } from './api.ts';
import { App } from './App.tsx';

adoptTokenFromUrl();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
