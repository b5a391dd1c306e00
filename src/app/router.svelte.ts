/** Hash routes: `#/circles`, `#/feed/circle_coffee`. Hash routing keeps every screen reachable offline from the cached shell. */
export const SCREENS = ['import', 'transactions', 'profile', 'circles', 'feed', 'settings', 'privacy'] as const;
export type Screen = (typeof SCREENS)[number];

function parse(hash: string): { screen: Screen; param?: string } {
  const [name, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = (SCREENS as readonly string[]).includes(name ?? '') ? (name as Screen) : 'circles';
  return { screen, param: rest.length ? decodeURIComponent(rest.join('/')) : undefined };
}

class RouteState {
  current = $state(parse(typeof location === 'undefined' ? '' : location.hash));
}
export const route = new RouteState();

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.current = parse(location.hash);
  });
}

export function go(screen: Screen, param?: string): void {
  location.hash = `#/${screen}${param ? '/' + encodeURIComponent(param) : ''}`;
}
