import { mount } from 'svelte';
import App from './App.svelte';
import './ui/shared/global.css';
import { loadPreferences } from './app/theme.svelte';
import { registerServiceWorker } from './app/sw-client';

// The shell shows at once in the browser's language; stored preferences follow a moment later.
const preferencesLoaded = loadPreferences();
const app = mount(App, { target: document.getElementById('app')! });
void preferencesLoaded.then(() => registerServiceWorker());

export default app;
