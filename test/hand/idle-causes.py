#!/usr/bin/env python3
"""Idle causes of a Kineto trace recomputed from the raw JSON, independently of the app
(README "Checked by hand"; src/import/advisor/idle-cause-real.test.ts holds the figures).
Per (pid, tid) stream of kernel / memcpy / memset events sorted by start: gap = next start - the
latest end so far; late = the launching runtime call (same args.correlation) started after the
gap began; a late gap is gc / dataloader / memory / sync when such a host call overlaps the late
part, else host-bound; an early gap under 30 us is a launch gap (HTA kernel wait), else other.
Usage: python3 test/hand/idle-causes.py trace.json.gz  (prints per-cause ns and the total)."""
import json,gzip,sys,collections,re
from decimal import Decimal
f=sys.argv[1]
d=json.load(gzip.open(f), parse_float=Decimal)
ev=d['traceEvents']
ns=lambda x:int(Decimal(x)*1000)
DEV={'kernel','gpu_memcpy','gpu_memset','Kernel','Memset','Memcpy'}
RT={'cuda_runtime','Runtime','cuda_driver'}
rt={}
host=collections.defaultdict(list)
for e in ev:
    if e.get('ph')!='X' or e.get('cat') in DEV or e.get('cat')=='gpu_user_annotation': continue
    n=e.get('name',''); c=e.get('cat','')
    if e.get('cat') in RT and 'correlation' in e.get('args',{}): rt[e['args']['correlation']]=ns(e['ts'])
    s,t=ns(e['ts']),ns(e['ts'])+ns(e.get('dur',0))
    if c.lower()=='gc' or re.search(r'^(gc|GC)$|^gc[._ ]collect|garbage.collect',n,re.I): host['gc'].append((s,t))
    elif re.search('dataloader',n,re.I): host['dataloader'].append((s,t))
    elif re.match(r'cuda(Stream|Device|Event)Synchronize',n): host['sync'].append((s,t))
    elif re.match(r'cuda(Malloc|Free)\w*$',n): host['memory'].append((s,t))
streams=collections.defaultdict(list)
for e in ev:
    if e.get('ph')=='X' and e.get('cat') in DEV:
        streams[(e['pid'],e['tid'])].append((ns(e['ts']),ns(e.get('dur',0)),rt.get(e.get('args',{}).get('correlation'))))
def ovl(lst,a,b): return any(s<b and t>=a for s,t in lst)
tot=collections.Counter()
for k,v in streams.items():
    v.sort(key=lambda x:(x[0],x[1])); end=None
    for ts,dur,ls in v:
        if end is not None and ts>end:
            g=ts-end; late= ls is not None and ls>end
            cause=None
            if late or ls is None:
                until=min(ls,ts) if late else ts
                for c in ('gc','dataloader','memory','sync'):
                    if ovl(host[c],end,until): cause=c;break
            if cause is None: cause='host-bound' if late else ('launch-gap' if g<30000 else 'other')
            tot[cause]+=g
        end=ts+dur if end is None else max(end,ts+dur)
print({k:len(v) for k,v in host.items()}, dict(tot), sum(tot.values()))
