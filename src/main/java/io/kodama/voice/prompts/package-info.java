/**
 * What a voice call says: prompt clips per language ({@link io.kodama.voice.prompts.PromptLibrary}),
 * the brand name read by a synthesizer ({@link io.kodama.voice.prompts.BrandSynthesizer}), and the
 * assembly of a whole call's audio ({@link io.kodama.voice.prompts.PromptAssembler}).
 *
 * <p>Exposed as a named interface so that the simulated phone can recognise the same prompts.
 */
@org.springframework.modulith.NamedInterface("prompts")
package io.kodama.voice.prompts;
