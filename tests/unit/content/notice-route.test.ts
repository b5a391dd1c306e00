import { describe, expect, it } from 'vitest';
import { circleAndDoc, noticeRoute } from '../../../src/app/notice-feed';

describe('where a notice leads', () => {
  it('to the doc it is about inside its circle, and back from the route to both', () => {
    const route = noticeRoute({ circleId: 'coffee-luckin-sh', docId: 'comment:01J0ABC/x' });
    expect(route).toBe('#/feed/coffee-luckin-sh/comment%3A01J0ABC%2Fx');
    // The router decodes what follows the screen name; the first '/' splits the circle from the doc.
    expect(circleAndDoc(decodeURIComponent(route.slice('#/feed/'.length)))).toEqual({ circleId: 'coffee-luckin-sh', docId: 'comment:01J0ABC/x' });
  });

  it('to the circle alone when the notice names no doc (an approval)', () => {
    expect(noticeRoute({ circleId: 'coffee-luckin-sh' })).toBe('#/feed/coffee-luckin-sh');
    expect(circleAndDoc('coffee-luckin-sh')).toEqual({ circleId: 'coffee-luckin-sh' });
  });
});
