/** Colours of the idle causes: the timeline overlay's, shared by the chart. */
export { IDLE_CAUSE_COLOR } from '../../timeline/draw/draw-idle-gaps';
