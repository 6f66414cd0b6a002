import { describe, expect, it } from 'vitest';
import { parseJsonText } from '../../lib/json-bytes';
import {
  parseCommunication,
  parseCommunicationMatrix,
  splitOpKey,
  stepFromKey,
} from './communication';
import { COMMUNICATION, COMMUNICATION_MATRIX } from './test-csv';

describe('communication files', () => {
  it('splits keys', () => {
    expect(stepFromKey('step50')).toBe('50');
    expect(stepFromKey('step')).toBe('');
    expect(splitOpKey('hcom_allReduce__271_0_1@11022204950826225271')).toEqual([
      'hcom_allReduce__271_0_1',
      '11022204950826225271',
    ]);
  });

  it('reads communication.json ops, skipping Total Op Info', () => {
    const { communication: c, warnings } = parseCommunication(parseJsonText(COMMUNICATION));
    expect(warnings).toEqual([]);
    expect(c).toHaveLength(2);
    expect(c[0]).toMatchObject({
      step: '50',
      kind: 'collective',
      op: 'hcom_allReduce__271_0_1',
      group: '11022204950826225271',
      startUs: 1736412474757059.8,
      elapseMs: 86.4709076875,
      waitRatio: 0.9149,
    });
    expect(c[0]!.bandwidth['HCCS']).toEqual({
      sizeMB: 28.647232000000002,
      timeMs: 1.8168563124999997,
      bandwidthGBs: 15.7675,
      largePacketRatio: 0,
    });
    expect(c[1]).toMatchObject({
      step: '',
      kind: 'p2p',
      op: 'hcom_send__822_0',
      startUs: null,
      elapseMs: 0.9,
    });
  });

  it('reads communication_matrix.json links (2025 with Op Name, 2023 keyed by op)', () => {
    const { commMatrix: m, warnings } = parseCommunicationMatrix(
      parseJsonText(COMMUNICATION_MATRIX),
    );
    expect(warnings).toEqual([]);
    expect(m).toHaveLength(3);
    expect(m[1]).toEqual({
      step: '50',
      kind: 'collective',
      group: 'allreduce-top1',
      groupHash: '11022204950826225271',
      src: 0,
      dst: 1,
      transport: 'HCCS',
      sizeMB: 37.781504,
      timeMs: 2.24104478125,
      bandwidthGBs: 16.8589,
      op: 'hcom_allReduce__271_2_1',
    });
    expect(m[2]).toMatchObject({ step: '2', kind: 'p2p', op: 'hcom_send__822_0', src: 0, dst: 8 });
  });

  it('reports odd entries and throws for a non-object file', () => {
    const { communication, warnings } = parseCommunication(
      parseJsonText('{"step1": {"collective": {"a@1": 3}, "other": {}}, "step2": []}'),
    );
    expect(communication).toEqual([]);
    expect(warnings.map((w) => [w.code, w.count])).toEqual([
      ['bad_entry', 2],
      ['unknown_key', 1],
    ]);
    expect(() => parseCommunication(parseJsonText('[1]'))).toThrow(/expected a JSON object/);
  });
});
