/**
 * What the tests of every uds module share, with no dependency on uds itself: the check that no
 * test class leaves a file descriptor open ({@link dev.uds.testsupport.DescriptorLeakExtension}),
 * registered for every test class by JUnit's extension autodetection.
 */
package dev.uds.testsupport;
