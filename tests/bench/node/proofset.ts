// Verified customer: building a 10k-order proof set on the operator's device, and one member's local check of
// 10k own order ids against it (salted SHA-256 via WebCrypto, binary search).
import { buildProofHashes, findMatches } from '../../../src/core/privacy';

export default async function proofSetBench(): Promise<Record<string, number>> {
  const sales = Array.from({ length: 10_000 }, (_, i) => `SO2026${String(i).padStart(8, '0')}`);
  let start = performance.now();
  const hashes = await buildProofHashes('bench-salt', sales);
  const buildMs = performance.now() - start;
  const own = Array.from({ length: 10_000 }, (_, i) => `ALI2026${String(i).padStart(8, '0')}`);
  own.push(sales[4321]!);
  start = performance.now();
  const matches = await findMatches([{ _id: 'proofset:bench', salt: 'bench-salt', hashes }], own);
  const matchMs = performance.now() - start;
  if (matches.length !== 1) throw new Error('the planted order was not found');
  return {
    proofset_build_10k_ms: Math.round(buildMs),
    proofset_match_10k_own_ms: Math.round(matchMs),
    proofset_10k_json_kb: Math.round(JSON.stringify(hashes).length / 1024),
  };
}
