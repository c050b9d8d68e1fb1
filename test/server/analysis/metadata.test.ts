import * as assert from 'node:assert/strict';
import { detectMetadata, sourceLabel } from '../../../server/out/analysis/metadata';
import { seedText } from '../../helpers/seeds';

describe('Article metadata from headers and datelines', () => {
  it('reads the date and title of a scraper header and the outlet of a (CNN) dateline', () => {
    const m = detectMetadata(seedText('002'));
    assert.equal(m.date, '2023-07-13');
    assert.equal(m.title, 'Russian General Sacked After Accusing Defense Ministry of Betrayal in Ukraine');
    assert.equal(m.outlet, 'CNN');
    assert.equal(sourceLabel(m, '002.txt'), 'CNN, 13 Jul 2023');
  });

  it('splits "Headline - Outlet" on the first line', () => {
    const m = detectMetadata(seedText('003'));
    assert.equal(m.outlet, 'IT SPARK Media');
    assert.match(m.title ?? '', /^'Resting,' Fired, Believed Dead/);
  });

  it('skips a photo credit line and lets the file name stand in where nothing is found', () => {
    const m = detectMetadata(seedText('001'));
    assert.equal(m.outlet, undefined);
    assert.notEqual(m.title, 'Chuanchai Pundej on Unsplash');
    assert.equal(sourceLabel(detectMetadata(seedText('000')), '000.txt'), '000.txt');
  });

  it('keeps the date of a header without a title', () => {
    const m = detectMetadata(seedText('004'));
    assert.equal(m.date, '2023-11-07');
    assert.equal(sourceLabel(m, '004.txt'), '004.txt, 7 Nov 2023');
  });

  it('reads a Reuters-style dateline with a place', () => {
    const m = detectMetadata('KYIV (Reuters) - Ukraine said on Monday that ...');
    assert.equal(m.outlet, 'Reuters');
  });
});
