/**
 * A base class whose constructor returns its argument, so that a subclass's
 * private field can be added to any object: spread, for-in, keys and JSON do
 * not see it (a copy of the object does not inherit it), it can be added to a
 * frozen object, and adding it is a plain store.
 */
export class Identity {
  constructor(o: object) {
    return o;
  }
}
