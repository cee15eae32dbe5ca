package org.nodelab.nn;

/**
 * How {@link Module#load(java.nio.file.Path, Loading)} matches a file to a model: strictly (the
 * default: every parameter present and nothing else, as PyTorch's {@code load_state_dict(strict=True)})
 * or not (entries the model lacks are ignored, parameters the file lacks keep their values). Shapes
 * must agree either way.
 *
 * @param strict whether missing and unexpected entries are errors
 */
public record Loading(boolean strict) {

  /**
   * Strict (true) or lenient (false) loading.
   *
   * @param strict whether the file and the model must hold exactly the same parameters
   * @return the option, for {@code Module.load(file, how)}
   */
  public static Loading strict(boolean strict) {
    return new Loading(strict);
  }
}
