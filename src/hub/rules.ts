import { MAX_STATEMENT_NAME_LENGTH, MAX_STATEMENT_NAMES, MIN_STATEMENT_NAME_LENGTH } from '../core/circles/statement-names.ts';
import { DOC_TYPE_WRITERS } from './doc-types.ts';

/**
 * The hub's write rules: the `validate_doc_update` of every circle database (`_design/rules`), of the
 * per-circle join-request databases and of the catalog. ONE source of truth: the functions are kept here as
 * source strings (plain ES5, so CouchDB 3's SpiderMonkey and PouchDB's couchdb-eval both run them, and no
 * TypeScript/bundler helper such as `__name` can leak into them). provision.ts installs them; the tests run
 * them on the embedded hub.
 *
 * Who is an operator: a database admin (a name or role in `_security.admins`) or a server admin. The global
 * `operator` role that operator accounts carry is informative only: it must not grant rights in circles the
 * person does not run.
 *
 * Mutes live in `_security.mutes` ({ "<user>": "<ISO until>" }): CouchDB hands the whole security object to
 * validate_doc_update (4th argument) and keeps extra fields; express-pouchdb does the same. A `mute:<user>` doc
 * is the visible record for the app; the `_security` entry is what the hub enforces.
 */
export const RULES_DESIGN_ID = '_design/rules';
/** Longest `text` (post, comment, pin, removal reason) in characters. */
export const MAX_TEXT_CHARS = 4000;
/** Largest doc (JSON characters) except proof sets, which carry many hashes. */
export const MAX_DOC_CHARS = 16 * 1024;
export const MAX_PROOFSET_CHARS = 1024 * 1024;

/** Shared helpers, inlined into each function so each stays self-contained (CouchDB evaluates one function). */
const HELPERS = String.raw`
  var name = userCtx && userCtx.name;
  var roles = (userCtx && userCtx.roles) || [];
  var sec = secObj || {};
  var admins = sec.admins || {};
  function has(list, value) {
    if (!list) return false;
    for (var i = 0; i < list.length; i++) if (list[i] === value) return true;
    return false;
  }
  function anyRole(list) {
    if (!list) return false;
    for (var i = 0; i < list.length; i++) if (has(roles, list[i])) return true;
    return false;
  }
  var isOperator = has(roles, '_admin') || (name !== null && name !== undefined && has(admins.names, name)) || anyRole(admins.roles);
  function deny(reason) { throw({ forbidden: reason }); }
  function isString(v) { return typeof v === 'string'; }
  function isTime(v) { return isString(v) && !isNaN(Date.parse(v)); }
  function startsWith(s, prefix) { return String(s).substring(0, prefix.length) === prefix; }
  if (!name && !has(roles, '_admin')) throw({ unauthorized: 'Sign in to write here.' });
`;

/** validate_doc_update of `circle_<id>` databases. */
export const CIRCLE_RULES_SOURCE = String.raw`function (newDoc, oldDoc, userCtx, secObj) {
${HELPERS}
  var WRITERS = ${JSON.stringify(DOC_TYPE_WRITERS)};
  var MAX_TEXT = ${MAX_TEXT_CHARS};
  var MAX_DOC = ${MAX_DOC_CHARS};
  var MAX_PROOFSET = ${MAX_PROOFSET_CHARS};
  var id = newDoc._id;

  if (newDoc._deleted) {
    if (isOperator) return;
    if (!oldDoc) deny('Only an operator may delete this.');
    if (oldDoc.author !== name) deny('Only the author or an operator may delete this.');
    if (oldDoc.type === 'answer') deny('An answer cannot be withdrawn and sent again.');
    return;
  }

  var mutes = sec.mutes || {};
  // A mute stops writing, not stepping back: leaving a group-buy or saying "can't go" keeps the operator's counts
  // true, and a mute must not hold anyone to a purchase or a place.
  var steppingBack = (newDoc.type === 'offerjoin' && newDoc.joined === false) || (newDoc.type === 'rsvp' && newDoc.answer === 'no');
  if (!isOperator && !steppingBack && isString(mutes[name]) && Date.parse(mutes[name]) > Date.now()) {
    deny('You are muted in this circle until ' + mutes[name] + '.');
  }

  var type = newDoc.type;
  if (!isString(type) || !Object.prototype.hasOwnProperty.call(WRITERS, type)) deny('Unknown doc type: ' + type);
  if (WRITERS[type] === 'operator' && !isOperator) deny('Only an operator may write ' + type + ' docs.');
  if (!isString(newDoc.author) || !newDoc.author) deny('author is required.');
  if (newDoc.author !== name && !isOperator) deny('author must be you (' + name + ').');
  if (!isTime(newDoc.createdAt)) deny('createdAt must be an ISO time.');
  // When an answer (RSVP, vote, group-buy join) was given, from the device's clock as createdAt is: the places of a
  // full event go by it, and of two answers of one person the newer stands.
  if (newDoc.answeredAt !== undefined && !isTime(newDoc.answeredAt)) deny('answeredAt must be an ISO time.');

  if (oldDoc && !oldDoc._deleted) {
    if (oldDoc.author !== name && !isOperator) deny('Only the author or an operator may change this.');
    if (newDoc.author !== oldDoc.author) deny('author is immutable.');
    if (newDoc.createdAt !== oldDoc.createdAt) deny('createdAt is immutable.');
    if (newDoc.type !== oldDoc.type) deny('type is immutable.');
  }

  // _revisions is added by the server and grows with edits: it does not count towards the cap.
  var sized = {};
  for (var key in newDoc) if (key !== '_revisions') sized[key] = newDoc[key];
  var size = JSON.stringify(sized).length;
  if (size > (type === 'proofset' ? MAX_PROOFSET : MAX_DOC)) deny('Document too large (' + size + ' characters).');
  if (newDoc.text !== undefined) {
    if (type === 'question') {
      if (typeof newDoc.text !== 'object' || newDoc.text === null) deny('question text must be {zh, en}.');
    } else if (!isString(newDoc.text)) deny('text must be a string.');
    else if (newDoc.text.length > MAX_TEXT) deny('text longer than ' + MAX_TEXT + ' characters.');
  }
  if (isString(newDoc.reason) && newDoc.reason.length > MAX_TEXT) deny('reason longer than ' + MAX_TEXT + ' characters.');

  function needId(expected) { if (id !== expected) deny('id must be ' + expected); }
  function needField(field) { if (!isString(newDoc[field]) || !newDoc[field]) deny(field + ' is required.'); }
  function goodEpsilon() {
    if (typeof newDoc.epsilon !== 'number' || !(newDoc.epsilon > 0) || newDoc.epsilon > 2) deny('epsilon must be in (0, 2].');
  }
  // A claim or an answer carries nothing but its own fields: no amount, date or other order can ride along.
  function onlyFields(own) {
    var base = { _id: 1, _rev: 1, _revisions: 1, type: 1, author: 1, createdAt: 1, opId: 1 };
    for (var k in newDoc) if (!base[k] && !own[k]) deny('field not allowed in a ' + type + ' doc: ' + k);
  }
  var a = newDoc.author;
  switch (type) {
    case 'member': needId('member:' + a); break;
    case 'post': if (!startsWith(id, 'post:')) deny('id must start with post:'); needField('text'); break;
    case 'comment':
      if (!startsWith(id, 'comment:')) deny('id must start with comment:');
      needField('parent'); needField('text'); break;
    case 'reaction':
      needField('target'); needField('kind');
      if (newDoc.kind.length > 32) deny('kind too long.');
      needId('reaction:' + newDoc.target + ':' + a + ':' + newDoc.kind); break;
    case 'pin': if (id !== 'pin' && !startsWith(id, 'pin:')) deny('id must be pin'); break;
    case 'removal': needField('target'); needField('reason'); needId('removal:' + newDoc.target); break;
    case 'mute': needField('user'); if (!isTime(newDoc.until)) deny('until must be an ISO time.'); needId('mute:' + newDoc.user); break;
    case 'event':
      if (!startsWith(id, 'event:')) deny('id must start with event:');
      needField('title'); if (!isTime(newDoc.startsAt)) deny('startsAt must be an ISO time.'); break;
    case 'rsvp':
      needField('event'); needId('rsvp:' + newDoc.event + ':' + a);
      if (newDoc.answer !== 'going' && newDoc.answer !== 'maybe' && newDoc.answer !== 'no') deny('answer must be going, maybe or no.');
      break;
    case 'offer':
      if (!startsWith(id, 'offer:')) deny('id must start with offer:');
      if (!isTime(newDoc.deadline)) deny('deadline must be an ISO time.');
      if (newDoc.threshold !== Math.floor(newDoc.threshold) || newDoc.threshold < 1) deny('threshold must be a positive integer.');
      if (newDoc.groupPriceMinor !== Math.floor(newDoc.groupPriceMinor) || newDoc.priceMinor !== Math.floor(newDoc.priceMinor)) deny('prices are integer minor units.');
      break;
    case 'offerjoin':
      needField('offer'); needId('offerjoin:' + newDoc.offer + ':' + a);
      // The rules cannot read the offer, so the joiner's doc carries the offer's deadline.
      if (!isTime(newDoc.deadline)) deny('deadline (copied from the offer) must be an ISO time.');
      if (!isOperator && Date.parse(newDoc.deadline) < Date.now()) deny('The group-buy deadline has passed.');
      break;
    case 'poll':
      if (!startsWith(id, 'poll:')) deny('id must start with poll:');
      if (!newDoc.options || !newDoc.options.length) deny('a poll needs options.');
      break;
    case 'vote':
      needField('poll'); needId('vote:' + newDoc.poll + ':' + a);
      if (!newDoc.choices || !newDoc.choices.length) deny('choose at least one option.');
      if (newDoc.closesAt !== undefined && !isOperator && Date.parse(newDoc.closesAt) < Date.now()) deny('The poll is closed.');
      break;
    case 'link': needField('circleId'); needId('link:' + newDoc.circleId); break;
    case 'share':
      if (!newDoc.origin || !isString(newDoc.origin.circleId) || !isString(newDoc.origin.postId)) deny('origin {circleId, postId} is required.');
      needId('share:' + newDoc.origin.circleId + ':' + newDoc.origin.postId); break;
    // Trust docs (issue 7). The rules cannot read the proof set, so a claim's order id is checked by the
    // operator's app before it writes the badge; here: shapes, and nothing beyond the allowed fields.
    case 'proofset':
      if (!startsWith(id, 'proofset:')) deny('id must start with proofset:');
      needField('salt');
      if (!newDoc.period || !isTime(newDoc.period.from) || !isTime(newDoc.period.to)) deny('period {from, to} must be ISO times.');
      if (!newDoc.hashes || typeof newDoc.hashes.length !== 'number' || !newDoc.hashes.length) deny('hashes must be a non-empty list.');
      if (newDoc.sealKey !== undefined) {
        var sk = newDoc.sealKey;
        if (!sk || sk.kty !== 'RSA' || sk.alg !== 'RSA-OAEP-256' || !isString(sk.n) || !isString(sk.e)) deny('sealKey must be an RSA-OAEP-256 public key.');
        for (var skf in sk) if (skf !== 'kty' && skf !== 'alg' && skf !== 'n' && skf !== 'e') deny('sealKey must be a public key only.');
      }
      for (var h = 0; h < newDoc.hashes.length; h++) {
        if (!isString(newDoc.hashes[h]) || !/^[0-9a-f]{64}$/.test(newDoc.hashes[h])) deny('hashes must be SHA-256 hex.');
        if (h > 0 && !(newDoc.hashes[h - 1] < newDoc.hashes[h])) deny('hashes must be sorted and unique.');
      }
      break;
    case 'claim':
      needId('claim:' + a); needField('proofset');
      if (!startsWith(newDoc.proofset, 'proofset:')) deny('proofset must be a proofset id.');
      if ((newDoc.orderId === undefined) === (newDoc.sealed === undefined)) deny('A claim carries either orderId or sealed.');
      if (newDoc.orderId !== undefined) { needField('orderId'); if (newDoc.orderId.length > 128) deny('orderId too long.'); }
      if (newDoc.sealed !== undefined && (!isString(newDoc.sealed) || !/^[A-Za-z0-9+\/]{340,700}={0,2}$/.test(newDoc.sealed))) deny('sealed must be a sealed order id (base64).');
      onlyFields({ proofset: 1, orderId: 1, sealed: 1 });
      break;
    case 'badge':
      needField('user'); needId('badge:' + newDoc.user);
      if (newDoc.claim !== 'claim:' + newDoc.user) deny('claim must be claim:<user>.');
      break;
    case 'question':
      if (!startsWith(id, 'question:')) deny('id must start with question:');
      if (!newDoc.text || !isString(newDoc.text.zh) || !isString(newDoc.text.en) || !(newDoc.text.zh || newDoc.text.en)) deny('question text must be {zh, en}.');
      if ((newDoc.text.zh + newDoc.text.en).length > MAX_TEXT) deny('question text too long.');
      if (newDoc.kind !== undefined && newDoc.kind !== 'spent' && newDoc.kind !== 'choice') deny('kind must be spent or choice.');
      if (!newDoc.topics || typeof newDoc.topics.length !== 'number') deny('topics must be a list.');
      for (var q = 0; q < newDoc.topics.length; q++) if (!isString(newDoc.topics[q])) deny('topics must be strings.');
      if (newDoc.kind !== 'choice') {
        if (!newDoc.topics.length) deny('topics must be a non-empty list.');
        if (newDoc.withinDays !== Math.floor(newDoc.withinDays) || newDoc.withinDays < 1 || newDoc.withinDays > 366) deny('withinDays must be an integer 1-366.');
      }
      goodEpsilon();
      break;
    case 'answer':
      needField('question'); needId('answer:' + newDoc.question + ':' + a);
      if (!startsWith(newDoc.question, 'question:')) deny('question must be a question id.');
      if (newDoc.bit !== 0 && newDoc.bit !== 1) deny('bit must be 0 or 1.');
      goodEpsilon();
      onlyFields({ question: 1, bit: 1, epsilon: 1 });
      // Once per question: a second noised answer would let the noise be averaged away.
      if (oldDoc && !oldDoc._deleted && !isOperator) deny('You have already answered this question.');
      break;
  }
}`;

/**
 * validate_doc_update of `requests_<circleId>` (join requests of an approval circle). The requester writes
 * `request:<user>` with no decision, and may withdraw (delete) it whatever its state; only the circle's operators
 * decide. A decided request stays as the operator left it, except that the requester may ask again: replace it with
 * a fresh undecided request made after the decision (`createdAt` later than `decidedAt`), which the operator's queue
 * then shows as waiting. Deleting it and writing a new one comes to the same; neither way can carry a decision.
 */
export const REQUEST_RULES_SOURCE = String.raw`function (newDoc, oldDoc, userCtx, secObj) {
${HELPERS}
  if (newDoc._deleted) {
    if (isOperator || (oldDoc && oldDoc.user === name)) return;
    deny('Only the requester or an operator may delete a request.');
  }
  if (newDoc.type !== 'request') deny('Only request docs belong here.');
  if (!isString(newDoc.user) || newDoc._id !== 'request:' + newDoc.user) deny('id must be request:<user>.');
  if (!isTime(newDoc.createdAt)) deny('createdAt must be an ISO time.');
  if (isString(newDoc.message) && newDoc.message.length > 1000) deny('message longer than 1000 characters.');
  if (JSON.stringify(newDoc).length > 4096) deny('Document too large.');
  if (isOperator) {
    if (newDoc.decision !== undefined && newDoc.decision !== 'approved' && newDoc.decision !== 'denied') deny('decision must be approved or denied.');
    return;
  }
  if (newDoc.user !== name) deny('You may only request for yourself.');
  if (newDoc.decision !== undefined || newDoc.reason !== undefined || newDoc.decidedBy !== undefined || newDoc.decidedAt !== undefined) deny('Only an operator decides a request.');
  if (oldDoc && !oldDoc._deleted && oldDoc.decision !== undefined) {
    var decidedAt = Date.parse(oldDoc.decidedAt || oldDoc.createdAt);
    if (!(Date.parse(newDoc.createdAt) > decidedAt)) deny('This request was already decided: ask again with a new request (createdAt after the decision).');
  }
}`;

/**
 * validate_doc_update of `catalog`: platform admins (db admins) write anything; an operator listed in a
 * circle's `operators` may change only its description, audience, statement names (`merchants`) and co-operators
 * (never to an empty list).
 */
export const CATALOG_RULES_SOURCE = String.raw`function (newDoc, oldDoc, userCtx, secObj) {
${HELPERS}
  if (isOperator) return;
  if (!oldDoc || oldDoc._deleted) deny('Only a platform admin may create a circle entry.');
  if (newDoc._deleted) deny('Only a platform admin may delete a circle entry.');
  if (!has(oldDoc.operators, name)) deny('Only the circle operators may edit this entry.');
  var editable = { _rev: 1, _revisions: 1, description: 1, audience: 1, merchants: 1, operators: 1 };
  var keys = {};
  var k;
  for (k in newDoc) keys[k] = 1;
  for (k in oldDoc) keys[k] = 1;
  for (k in keys) {
    if (editable[k]) continue;
    if (JSON.stringify(newDoc[k]) !== JSON.stringify(oldDoc[k])) deny('Operators may only edit description, audience, merchants and operators (not ' + k + ').');
  }
  if (!newDoc.operators || !newDoc.operators.length) deny('A circle keeps at least one operator.');
  if (JSON.stringify(newDoc).length > 16384) deny('Document too large.');
  // The shape of src/core/circles checkCriteria (topic ids are checked on each device, against its taxonomy).
  if (newDoc.audience !== undefined) checkAudience(newDoc.audience, 'audience', 0);
  // The shape of src/core/circles checkStatementNames.
  if (newDoc.merchants !== undefined) {
    if (!isArray(newDoc.merchants) || newDoc.merchants.length > ${MAX_STATEMENT_NAMES}) deny('merchants must be a list of at most ${MAX_STATEMENT_NAMES} names.');
    for (var m = 0; m < newDoc.merchants.length; m++) {
      var named = newDoc.merchants[m];
      if (typeof named !== 'string' || named.trim().length < ${MIN_STATEMENT_NAME_LENGTH} || named.trim().length > ${MAX_STATEMENT_NAME_LENGTH}) deny('merchants: every name has ${MIN_STATEMENT_NAME_LENGTH} to ${MAX_STATEMENT_NAME_LENGTH} characters.');
    }
  }
  function isArray(v) { return Object.prototype.toString.call(v) === '[object Array]'; }
  function whole(v, max) { return typeof v === 'number' && Math.floor(v) === v && v >= 1 && v <= max; }
  function checkAudience(c, path, depth) {
    if (!c || typeof c !== 'object' || isArray(c)) deny(path + ' must be an object.');
    if (depth > 4) deny(path + ' nests deeper than 4 levels.');
    var group = c.all !== undefined ? 'all' : c.any !== undefined ? 'any' : null;
    var key;
    if (group) {
      for (key in c) if (key !== group) deny(path + ': ' + group + ' cannot be combined with other fields.');
      if (!isArray(c[group]) || !c[group].length) deny(path + '.' + group + ' must be a non-empty list.');
      for (var i = 0; i < c[group].length; i++) checkAudience(c[group][i], path + '.' + group + '[' + i + ']', depth + 1);
      return;
    }
    for (key in c) if (key !== 'topic' && key !== 'merchant' && key !== 'minCount' && key !== 'withinDays') deny(path + ': unknown field ' + key + '.');
    if ((c.topic === undefined) === (c.merchant === undefined)) deny(path + ' needs exactly one of topic or merchant.');
    if (c.topic !== undefined && (typeof c.topic !== 'string' || !c.topic)) deny(path + '.topic must be a topic id.');
    if (c.merchant !== undefined) {
      if (!isArray(c.merchant) || !c.merchant.length) deny(path + '.merchant must be a non-empty list of names.');
      for (var j = 0; j < c.merchant.length; j++) if (typeof c.merchant[j] !== 'string' || !c.merchant[j].trim()) deny(path + '.merchant must be a non-empty list of names.');
    }
    if (c.minCount !== undefined && !whole(c.minCount, 1000)) deny(path + '.minCount must be a whole number from 1 to 1000.');
    if (c.withinDays !== undefined && !whole(c.withinDays, 3650)) deny(path + '.withinDays must be a whole number from 1 to 3650.');
  }
}`;

export type RulesKind = 'circle' | 'requests' | 'catalog';
const SOURCES: Record<RulesKind, string> = { circle: CIRCLE_RULES_SOURCE, requests: REQUEST_RULES_SOURCE, catalog: CATALOG_RULES_SOURCE };

/** The design doc provision.ts installs (without `_rev`). `version` lets provisioning skip an unchanged doc. */
export function rulesDesignDoc(kind: RulesKind): { _id: string; language: 'javascript'; validate_doc_update: string; version: string } {
  const source = SOURCES[kind];
  return { _id: RULES_DESIGN_ID, language: 'javascript', validate_doc_update: source, version: fingerprint(source) };
}

/** A short, stable fingerprint of the rules source (FNV-1a), to tell whether a hub runs the current rules. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
