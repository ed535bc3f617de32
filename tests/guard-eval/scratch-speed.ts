import { measureGuardSpeed } from './speed.ts';
const s = measureGuardSpeed();
console.log(s.honestMicrosPerToken.toFixed(2), s.evalSetMicrosPerToken.toFixed(2), s.microsPerGuard.toFixed(0));
