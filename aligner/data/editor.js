(function(){
'use strict';
var D=JSON.parse(document.getElementById('data').textContent);
var TOKEN=new URLSearchParams(location.search).get('token')||'';
var U=D.all, EXPLAIN=D.explain, HIGH=D.bands[0], LOWB=D.bands[1];
var body=document.getElementById('rows'), rows=[];
var low=document.getElementById('only-low'), flag=document.getElementById('only-flagged');
var sel=-1, side='src', cur=0, queue=Promise.resolve(), pending=0, editing=null;
var timings=[];
window.editorTimings=timings;
window.editorIdle=function(){return pending===0&&!editing;};

function band(u){
  if(!(u.s.length&&u.t.length)||u.c===null) return 'none';
  return u.c>=HIGH?'high':(u.c>=LOWB?'medium':'low');
}
function flagged(u){return u.f.some(function(f){return f[0]==='error'||f[0]==='warning';});}
function el(tag,cls,text){var e=document.createElement(tag); if(cls) e.className=cls; if(text!==undefined) e.textContent=text; return e;}

function cell(u,sd){
  var ids=sd==='src'?u.s:u.t, texts=sd==='src'?u.ss:u.ts, kinds=sd==='src'?u.sk:u.tk, orig=sd==='src'?u.so:u.to;
  var td=el('div',sd==='src'?'fr':'ar');
  td.lang=sd==='src'?'fr':'ar'; td.dir=sd==='src'?'ltr':'rtl'; td.dataset.side=sd;
  for(var q=0;q<ids.length;q++){
    var s=el('span','sent'); s.dataset.q=q;
    if(kinds[q]&&kinds[q]!=='sentence'){var kd=el('span','kind',kinds[q]); kd.dir='ltr'; s.appendChild(kd);}
    s.appendChild(document.createTextNode(texts[q]));
    if(orig[q]!==null&&orig[q]!==undefined){s.classList.add('fixed'); s.title='was: '+orig[q];}
    td.appendChild(s);
  }
  return td;
}
// unit numbers as `aligner qa` and the TMX give them: pairs 0, 1, 2…; an unaligned sentence
// takes the number of the pair after it
function qaNumbers(){
  var n=0, out=new Array(U.length);
  for(var k=0;k<U.length;k++){out[k]=n; if(U[k].s.length&&U[k].t.length) n++;}
  return out;
}
function makeRow(u,k,num){
  var tr=el('div'); tr.tabIndex=-1; tr.setAttribute('role','row');
  var n=el('div','n',String(num)); n.appendChild(el('span','state '+u.st,u.st));
  tr.appendChild(n); tr.appendChild(cell(u,'src')); tr.appendChild(cell(u,'tgt'));
  tr.appendChild(el('div','conf',u.c===null?'…':u.c.toFixed(2)));
  var fc=el('div','find');
  if(u.f.length){
    var ul=el('ul','findings');
    u.f.forEach(function(f){
      var li=el('li'); li.appendChild(el('span','sev '+f[0],f[0])); li.appendChild(document.createTextNode(' '));
      li.appendChild(el('b','',f[1])); li.appendChild(document.createTextNode(': '+f[2]));
      li.title=EXPLAIN[f[1]]||''; ul.appendChild(li);
    });
    fc.appendChild(ul);
  }
  tr.appendChild(fc);
  var aligned=u.s.length&&u.t.length;
  tr.className='row '+(aligned?'unit ':'unaligned ')+band(u)+' '+u.st;
  tr.dataset.flagged=flagged(u)?'1':'0';
  return tr;
}
function hidden(u){
  var aligned=u.s.length&&u.t.length;
  return (low.checked&&aligned&&band(u)==='high')||(flag.checked&&!flagged(u));
}
function renderAll(){
  var frag=document.createDocumentFragment();
  var nums=qaNumbers();
  rows=U.map(function(u,k){var r=makeRow(u,k,nums[k]); if(hidden(u)) r.classList.add('hidden'); frag.appendChild(r); return r;});
  body.textContent=''; body.appendChild(frag);
}
function renumber(from){
  var nums=qaNumbers();
  for(var k=from;k<rows.length;k++){
    var t=rows[k].firstChild.firstChild, v=String(nums[k]);
    if(t.nodeValue!==v) t.nodeValue=v;
  }
}
function figures(S){
  var f=document.getElementById('figures'); f.textContent='';
  function add(dt,dd,cls){f.appendChild(el('dt','',dt)); var d=el('dd'); if(cls){d.appendChild(el('span',cls,dd));} else d.textContent=dd; f.appendChild(d);}
  add('verdict',S.verdict,'verdict '+S.verdict);
  add('coverage French / Arabic',Math.round(S.cov_src*100)+'% / '+Math.round(S.cov_tgt*100)+'%');
  add('mean confidence',S.mean_conf.toFixed(2));
  add('units',S.units+' ('+S.n_src+' French and '+S.n_tgt+' Arabic sentences)');
  var st=S.states; add('review',st.accepted+' accepted, '+st.edited+' edited, '+st.rejected+' rejected, '+st.auto+' not reviewed');
  if(S.rescore) add('confidence',S.rescore);
}
var SVGNS='http://www.w3.org/2000/svg', COLOURS={high:'#2e7d32',medium:'#e0a100',low:'#c62828',none:'#9e9e9e'};
// the dot plot: one circle per unit, kept beside U so that an edit redraws only its own circles
var svg=document.getElementById('dotplot'), dots=[], marked=null, SIZE=300, PAD=30, INNER=SIZE-PAD-8;
function mean(a){var t=0; for(var q=0;q<a.length;q++) t+=a[q]; return t/a.length;}
function place(c,k){
  // a unit with one side empty sits at the previous unit's place on that side
  var u=U[k], li=null, lj=null;
  for(var q=k;q>=0&&(li===null||lj===null);q--){
    if(li===null&&U[q].s.length) li=mean(U[q].s);
    if(lj===null&&U[q].t.length) lj=mean(U[q].t);
  }
  var ns=Math.max(D.n_src,1), nt=Math.max(D.n_tgt,1), b=band(u), both=u.s.length&&u.t.length;
  c.setAttribute('cx',(PAD+((li||0)+0.5)/ns*INNER).toFixed(1));
  c.setAttribute('cy',(8+((lj||0)+0.5)/nt*INNER).toFixed(1));
  c.setAttribute('r',(2.2*Math.sqrt(u.s.length+u.t.length)).toFixed(1));
  c.setAttribute('class','bead '+(both?b:'null'));
  c.setAttribute('fill',both?COLOURS[b]:'none'); c.setAttribute('fill-opacity',both?'0.8':'1');
  c.setAttribute('stroke',both?'none':COLOURS.none);
  c.dataset.k=k;
}
function dot(k){var c=document.createElementNS(SVGNS,'circle'); place(c,k); return c;}
function svgAdd(tag,attrs,text){var e=document.createElementNS(SVGNS,tag); for(var a in attrs) e.setAttribute(a,attrs[a]); if(text) e.textContent=text; svg.appendChild(e); return e;}
function plot(){
  svg.textContent='';
  svgAdd('title',{},'Alignment dot plot: French sentence index across, Arabic sentence index down');
  svgAdd('rect',{x:PAD,y:8,width:INNER,height:INNER,fill:'none',stroke:'#999'});
  svgAdd('line',{x1:PAD,y1:8,x2:PAD+INNER,y2:8+INNER,stroke:'#ccc','stroke-dasharray':'3 3'});
  svgAdd('text',{x:PAD+INNER/2,y:SIZE-4,'text-anchor':'middle'},'French sentence');
  svgAdd('text',{transform:'translate(11 '+(8+INNER/2)+') rotate(-90)','text-anchor':'middle'},'Arabic sentence');
  var frag=document.createDocumentFragment();
  dots=U.map(function(u,k){var c=dot(k); frag.appendChild(c); return c;});
  svg.appendChild(frag); marked=null; markDot();
}
function plotChange(start,removed,added){
  for(var q=0;q<removed;q++) svg.removeChild(dots[start+q]);
  var fresh=[];
  for(q=0;q<added;q++){var c=dot(start+q); svg.appendChild(c); fresh.push(c);}
  dots.splice.apply(dots,[start,removed].concat(fresh));
  for(var k=start+added;k<dots.length;k++){
    place(dots[k],k);
    if(k>start+added&&U[k].s.length&&U[k].t.length) break;  // later units do not move
  }
  if(added!==removed) for(k=start+added;k<dots.length;k++) dots[k].dataset.k=k;
  marked=null; markDot();
}
function markDot(){
  if(marked){marked.setAttribute('stroke-width','1'); place(marked,+marked.dataset.k);}
  marked=dots[sel]||null;
  if(marked){marked.setAttribute('stroke','#1565c0'); marked.setAttribute('stroke-width','2');}
}
function shown(){
  var n=rows.filter(function(r){return !r.classList.contains('hidden');}).length;
  document.getElementById('shown').textContent=n+' of '+rows.length+' rows shown';
}
function status(text,err){var s=document.getElementById('status'); s.textContent=text; s.classList.toggle('error',!!err);}

function ids(u,sd){return sd==='src'?u.s:u.t;}
// the side the keys act on: the chosen one, or the other when the unit has nothing there
function eff(){var u=U[sel]; if(!u) return side; return ids(u,side).length?side:(side==='src'?'tgt':'src');}
var lit=null;
function paint(){
  if(lit&&lit!==rows[sel]){lit.classList.remove('selected'); Array.prototype.forEach.call(lit.children,function(c){c.classList.remove('active');});}
  var r=rows[sel]; lit=r||null; if(!r) return;
  r.classList.add('selected');
  var u=U[sel], es=eff(), n=ids(u,es).length;
  if(cur>=n) cur=Math.max(0,n-1);
  ['src','tgt'].forEach(function(sd,i){
    var td=r.children[1+i]; td.classList.toggle('active',sd===es);
    Array.prototype.forEach.call(td.querySelectorAll('.sent'),function(s,q){s.classList.toggle('cur',sd===es&&q===cur);});
  });
}
function select(k,scroll){
  if(k<0||k>=rows.length) return;
  var changed=k!==sel; sel=k;
  if(changed) cur=0;
  paint();
  if(scroll!==false){rows[k].scrollIntoView({block:'nearest'});}
  markDot();
}
function step(d,pred){
  for(var k=sel+d;k>=0&&k<rows.length;k+=d){
    if(!rows[k].classList.contains('hidden')&&(!pred||pred(U[k]))){select(k);return;}
  }
}
function api(path,data){
  return fetch(path,{method:'POST',headers:{'Content-Type':'application/json','X-Aligner-Token':TOKEN},
                     body:JSON.stringify(data||{}),credentials:'omit',cache:'no-store'})
    .then(function(r){if(!r.ok) throw new Error('the editor server answered '+r.status); return r.json();});
}
function overlap(a,b){
  var n=0; a.s.forEach(function(i){if(b.s.indexOf(i)>=0) n++;}); a.t.forEach(function(j){if(b.t.indexOf(j)>=0) n++;}); return n;
}
function applyChange(res,t0,op){
  if(res.error){status(res.error,true); return Promise.resolve();}
  var old=U[sel]||null, start=res.start;
  U.splice.apply(U,[start,res.removed].concat(res.units));
  var fresh=res.units.map(function(u,q){var r=makeRow(u,start+q,0); if(hidden(u)) r.classList.add('hidden'); return r;});
  var after=rows[start+res.removed]||null;
  for(var q=0;q<res.removed;q++) body.removeChild(rows[start+q]);
  fresh.forEach(function(r){body.insertBefore(r,after);});
  rows.splice.apply(rows,[start,res.removed].concat(fresh));
  renumber(start);  // an edit can make a pair unaligned or the reverse: later numbers move
  D.n_src=res.summary.n_src; D.n_tgt=res.summary.n_tgt;
  // the selection follows the unit that keeps most of the selected sentences
  var best=Math.min(res.cursor,U.length-1), score=-1;
  if(old){
    for(var k=start;k<start+res.units.length;k++){
      var s=overlap(old,U[k])*2+((U[k].s.length&&U[k].t.length)?1:0);
      if(s>score){score=s; best=k;}
    }
    if(op==='merge-prev') best=Math.min(start,U.length-1);
  }
  plotChange(start,res.removed,res.units.length);
  sel=-1; select(best);
  figures(res.summary); shown();
  status('saved '+new Date().toLocaleTimeString());
  // the time until the next frame is drawn: what the translator sees
  return new Promise(function(done){
    requestAnimationFrame(function(){setTimeout(function(){timings.push({op:op,ms:performance.now()-t0,answer_ms:res.t1-t0,server_ms:res.ms}); done();},0);});
  });
}
function send(op,path,data,t0){
  return api(path,data).then(function(res){res.t1=performance.now(); return applyChange(res,t0,op);});
}
// every key, click and edit runs after the previous one has finished (an edit needs the new rows)
function enqueue(fn){
  pending++;
  queue=queue.then(fn).catch(function(e){status(String(e.message||e),true);}).then(function(){pending--;});
}
function editOp(op,t0){
  if(sel<0) return Promise.resolve();
  var u=U[sel], side=eff(), n=ids(u,side).length, k=sel;
  switch(op){
    case 'merge-next': return send(op,'/api/edit',{op:'merge',unit:k,with_next:true},t0);
    case 'merge-prev': return send(op,'/api/edit',{op:'merge',unit:k,with_next:false},t0);
    case 'split':
      var a=side==='src'?u.ss:u.ts, b=side==='src'?u.ts:u.ss, at=Math.min(cur+1,n-1);
      if(n<2){status('this side has one sentence: nothing to split',true); return Promise.resolve();}
      var tot=a.reduce(function(x,y){return x+y.length;},0)||1, upto=0;
      for(var q=0;q<at;q++) upto+=a[q].length;
      var other=Math.round(upto/tot*b.length);
      var tot2=b.reduce(function(x,y){return x+y.length;},0)||1, acc=0, bestq=0, bestd=2;
      for(var p=0;p<=b.length;p++){var d=Math.abs(acc/tot2-upto/tot); if(d<bestd){bestd=d;bestq=p;} if(p<b.length) acc+=b[p].length;}
      other=b.length>1?bestq:other;
      return send(op,'/api/edit',{op:'split',unit:k,src_at:side==='src'?at:other,tgt_at:side==='src'?other:at},t0);
    case 'unalign-first': return send(op,'/api/edit',{op:'unalign',unit:k,side:side,last:false},t0);
    case 'unalign-last': return send(op,'/api/edit',{op:'unalign',unit:k,side:side,last:true},t0);
    case 'move-prev': return send(op,'/api/edit',{op:'move',unit:k,side:side,to_next:false},t0);
    case 'move-next': return send(op,'/api/edit',{op:'move',unit:k,side:side,to_next:true},t0);
    case 'accept': return send(op,'/api/edit',{op:'state',unit:k,state:'accepted'},t0);
    case 'reject': return send(op,'/api/edit',{op:'state',unit:k,state:'rejected'},t0);
    case 'undo': return send(op,'/api/undo',{},t0);
    case 'redo': return send(op,'/api/redo',{},t0);
    case 'edit': startEdit(); return Promise.resolve();
  }
  return Promise.resolve();
}
function startEdit(){
  var u=U[sel]; if(!u) return;
  var side=eff(), list=ids(u,side); if(!list.length) return;
  var td=rows[sel].children[side==='src'?1:2], span=td.querySelectorAll('.sent')[cur];
  var texts=side==='src'?u.ss:u.ts, ta=el('textarea','fix'); ta.value=texts[cur];
  ta.dir=side==='src'?'ltr':'rtl'; ta.lang=side==='src'?'fr':'ar';
  var index=list[cur], where=side;
  editing=ta; span.replaceWith(ta); ta.focus();
  ta.addEventListener('keydown',function(ev){
    if(ev.key==='Escape'){ev.preventDefault(); editing=null; ta.replaceWith(span); rows[sel].focus();}
    else if(ev.key==='Enter'&&!ev.shiftKey){
      ev.preventDefault(); var t0=performance.now(), text=ta.value; editing=null;
      enqueue(function(){return send('text','/api/edit',{op:'text',side:where,index:index,text:text},t0);});
    }
    ev.stopPropagation();
  });
}
var KEYMAP={'m':'merge-next','M':'merge-prev','x':'split','u':'unalign-first','U':'unalign-last',
  ',':'move-prev','.':'move-next','<':'move-prev','>':'move-next','a':'accept','r':'reject','e':'edit','z':'undo','y':'redo','Z':'redo'};
function handle(key,ctrl,t0){
  if(ctrl){
    if(key==='z'||key==='Z') return editOp(key==='Z'?'redo':'undo',t0);
    if(key==='y') return editOp('redo',t0);
    return Promise.resolve();
  }
  if(key==='j'||key==='ArrowDown'){if(sel<0) step(1); else step(1);}
  else if(key==='k'||key==='ArrowUp') step(-1);
  else if(key==='n') step(1,flagged);
  else if(key==='p') step(-1,flagged);
  else if(key==='Tab'||key==='s'){side=side==='src'?'tgt':'src'; cur=0; paint();}
  else if(key===']'){var n=sel>=0?ids(U[sel],eff()).length:0; if(cur<n-1) cur++; paint();}
  else if(key==='['){if(cur>0) cur--; paint();}
  else if(key==='l'){low.checked=!low.checked; filters();}
  else if(key==='f'){flag.checked=!flag.checked; filters();}
  else if(key==='?'){document.getElementById('help').classList.toggle('hidden');}
  else if(KEYMAP[key]) return editOp(KEYMAP[key],t0);
  return Promise.resolve();
}
var HANDLED=/^(j|k|n|p|s|l|f|m|M|x|u|U|a|r|e|z|y|Z|\?|,|\.|<|>|\[|\]|Tab|ArrowDown|ArrowUp)$/;
document.addEventListener('keydown',function(ev){
  if(editing||(ev.target&&(ev.target.tagName==='INPUT'||ev.target.tagName==='SELECT'||ev.target.tagName==='TEXTAREA'))) return;
  var ctrl=ev.ctrlKey||ev.metaKey;
  if(ev.altKey||(ctrl&&!/^[zZy]$/.test(ev.key))||(!ctrl&&!HANDLED.test(ev.key))) return;
  ev.preventDefault();
  var key=ev.key, t0=performance.now();
  enqueue(function(){return handle(key,ctrl,t0);});
});
function filters(){
  rows.forEach(function(r,k){r.classList.toggle('hidden',hidden(U[k]));}); shown();
}
[low,flag].forEach(function(c){c.addEventListener('change',filters);});
body.addEventListener('click',function(ev){
  var tr=ev.target.closest('.row'); if(!tr) return;
  var k=rows.indexOf(tr); if(k<0) return;
  var td=ev.target.closest('[data-side]'), s=ev.target.closest('.sent');
  if(td&&td.dataset.side){ if(k!==sel){sel=-1;} side=td.dataset.side; }
  select(k,false);
  if(s){cur=+s.dataset.q; paint();}
  api('/api/cursor',{unit:k}).catch(function(){});
});
body.addEventListener('dblclick',function(ev){
  if(ev.target.closest('.sent')){enqueue(function(){startEdit();});}
});
document.querySelector('.tools').addEventListener('click',function(ev){
  var b=ev.target.closest('button'); if(!b) return;
  var op=b.dataset.op, t0=performance.now();
  enqueue(function(){return editOp(op,t0);});
});
document.querySelector('.export').addEventListener('click',function(ev){
  var b=ev.target.closest('button'); if(!b) return;
  var fmt=b.dataset.export, include=document.getElementById('include').value;
  enqueue(function(){
    return api('/api/export',{format:fmt,include:include}).then(function(res){
      if(res.error) status(res.error,true); else status(res.count+' units exported to '+res.path);
    });
  });
});
document.getElementById('help-button').addEventListener('click',function(){document.getElementById('help').classList.toggle('hidden');});
document.getElementById('dotplot').addEventListener('click',function(ev){
  var c=ev.target.closest('circle'); if(!c) return;
  var k=+c.dataset.k; if(rows[k].classList.contains('hidden')){low.checked=false;flag.checked=false;filters();}
  select(k);
});
// the first QA may still be running on the server: fetch the findings once it is done
function awaitFindings(){
  if(D.qa_ready) return;
  status('QA checks running…');
  pending++;
  function poll(){
    fetch('/api/state',{headers:{'X-Aligner-Token':TOKEN},credentials:'omit',cache:'no-store'})
      .then(function(r){if(!r.ok) throw new Error('the editor server answered '+r.status); return r.json();})
      .then(function(state){
        if(!state.qa_ready){setTimeout(poll,500); return;}
        enqueue(function(){
          // edits made meanwhile are in the new state as well: take it whole
          U=state.all; D.qa_ready=true; var k=sel; renderAll(); plot(); sel=-1; select(Math.max(0,Math.min(k,U.length-1)),false);
          figures(state); shown(); status('QA checks done');
        });
        pending--;
      })
      .catch(function(e){status(String(e.message||e),true); pending--;});
  }
  setTimeout(poll,300);
}
renderAll(); figures(D); shown(); plot();
if(U.length){select(Math.min(D.cursor||0,U.length-1),true);}
performance.mark('editor-ready');
awaitFindings();
})();
