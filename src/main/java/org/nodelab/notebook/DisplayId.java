package org.nodelab.notebook;

/**
 * The id of an output shown by {@code display(...)}, for {@code updateDisplay(id, ...)}. A cell
 * ending with {@code display(...)} shows the displayed object only, not this id.
 *
 * @param value the Jupyter display id
 */
public record DisplayId(String value) {
  @Override
  public String toString() {
    return value;
  }
}
