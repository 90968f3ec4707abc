import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { BriefEditor } from './briefs/brief-editor.tsx';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {/* /briefs is the brief editor; everything else is the workbench. */}
      {window.location.pathname.startsWith('/briefs') ? <BriefEditor /> : <App />}
    </StrictMode>,
  );
}
