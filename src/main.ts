import { mount } from 'svelte';
import App from './App.svelte';
import './ui/shared/global.css';
import { loadPreferences } from './app/theme.svelte';
import { registerServiceWorker } from './app/sw-client';
import { startSync } from './app/sync-start';
import { followOtherTabs } from './app/store-changes.svelte';
import { watchForNewerDatabase } from './app/newer-database';
import { watchForMissingAppFiles } from './app/reload-needed';
import { checkStorage } from './app/storage-check.svelte';

// The shell shows at once in the browser's language; stored preferences follow a moment later.
watchForNewerDatabase();
watchForMissingAppFiles();
void checkStorage();
const preferencesLoaded = loadPreferences();
const app = mount(App, { target: document.getElementById('app')! });
void preferencesLoaded.then(() => registerServiceWorker());
// Sync starts with the app, not with the Feed screen: the outbox flushes on start (issue #5) and joined
// circles stay fresh whichever screen is open.
startSync();
followOtherTabs();

export default app;
