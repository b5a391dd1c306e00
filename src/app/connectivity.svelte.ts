/**
 * navigator.onLine as reactive state, with one pair of listeners for the whole page, so every screen that
 * shows the offline state reads the same value.
 */
class Connectivity {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
}

export const connectivity = new Connectivity();

if (typeof window !== 'undefined') {
  const update = () => (connectivity.online = navigator.onLine);
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
}
