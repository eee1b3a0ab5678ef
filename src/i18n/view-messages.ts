/**
 * Imported (for its effect) by every view that shows a message of ./en-views.ts: adds those
 * messages to the English catalog before the view renders. The views are loaded on demand, so these
 * messages are too.
 */
import { addEnglish } from './english'
import { enViews } from './en-views'

addEnglish(enViews)
