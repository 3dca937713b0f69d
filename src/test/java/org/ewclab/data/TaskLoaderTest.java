package org.ewclab.data;

import static org.ewclab.data.IdxBytes.gzip;
import static org.ewclab.data.IdxBytes.images;
import static org.ewclab.data.IdxBytes.labels;
import static org.ewclab.data.IdxBytes.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLoaderTest {
    @TempDir
    Path dir;

    /** A spec built field by field, so each test shows only what it sets. */
    private static final class Spec {
        String name;
        String dataset;
        String toy;
        TaskSpec.IdxFiles idx;
        TaskSpec.FilePair csv;
        TaskSpec.FilePair folder;
        List<Integer> classes;
        Boolean relabel;
        Long permute;
        Double rotate;
        Integer trainPerClass;
        Integer testPerClass;
        Integer samples;
        Integer testSamples;
        Double noise;
        Long toySeed;

        TaskSpec build() {
            return new TaskSpec(name, dataset, toy, idx, csv, folder, classes, relabel, permute, rotate, trainPerClass,
                    testPerClass, samples, testSamples, noise, toySeed);
        }
    }

    private static Spec mnist() {
        Spec spec = new Spec();
        spec.dataset = "mnist";
        return spec;
    }

    private static Spec moons() {
        Spec spec = new Spec();
        spec.toy = "moons";
        return spec;
    }

    private TaskData load(Spec spec) throws DatasetFormatException {
        return TaskLoader.load(spec.build(), dir);
    }

    private TaskSpecException specFailure(Spec spec, String field, String message) {
        TaskSpecException e = assertThrows(TaskSpecException.class, () -> load(spec));
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void loadsABundledDatasetByName() throws Exception {
        assertSame(BundledDatasets.mnist(), TaskLoader.load(TaskSpec.bundled(null, "mnist"), dir));
    }

    @Test
    void namesTheTaskAsTheSpecSays() throws Exception {
        TaskData task = TaskLoader.load(TaskSpec.bundled("digits", "mnist"), dir);
        assertEquals("digits", task.name());
        assertEquals("digits/train", task.train().name());
    }

    @Test
    void appliesTheTransformsInTheDocumentedOrder() throws Exception {
        Spec spec = mnist();
        spec.classes = List.of(3, 5);
        spec.permute = 1L;
        spec.rotate = 45.0;
        spec.trainPerClass = 10;
        spec.testPerClass = 4;
        TaskData task = load(spec);
        assertEquals("mnist[3,5]·perm1·rot45·sub10/4", task.name());
        TaskData byHand = DerivedTasks.subsample(DerivedTasks.rotate(DerivedTasks.permute(
                DerivedTasks.splitByClasses(BundledDatasets.mnist(), List.of(3, 5), true), 1), 45), 10, 4, 0);
        assertArrayEquals(byHand.train().pixels(), task.train().pixels());
        assertArrayEquals(byHand.test().pixels(), task.test().pixels());
        assertArrayEquals(new int[] {10, 10}, task.train().classCounts());
    }

    @Test
    void relabelsBySelectedClassesUnlessToldNot() throws Exception {
        Spec spec = mnist();
        spec.classes = List.of(7, 2);
        assertEquals(List.of("7", "2"), load(spec).train().classNames());
        spec.relabel = false;
        assertEquals(10, load(spec).train().classCount());
    }

    @Test
    void buildsAToyTaskWithTheDocumentedDefaults() throws Exception {
        TaskData task = load(moons());
        TaskData expected = ToyDatasets.task("moons", 1000, 500, 0.1, 0);
        assertArrayEquals(expected.train().toFloats(), task.train().toFloats());
        assertArrayEquals(expected.test().toFloats(), task.test().toFloats());
    }

    @Test
    void passesToyFieldsToTheGenerator() throws Exception {
        Spec spec = moons();
        spec.toy = "spirals";
        spec.samples = 60;
        spec.testSamples = 30;
        spec.noise = 0.0;
        spec.toySeed = 9L;
        TaskData task = load(spec);
        assertArrayEquals(ToyDatasets.spirals(60, 0, 9).toFloats(), task.train().toFloats());
        assertEquals(30, task.test().size());
    }

    @Test
    void readsIdxFilesRelativeToTheBaseFolder() throws Exception {
        write(dir, "data/train-images", gzip(images(6, 3, 3)));
        write(dir, "data/train-labels", labels(0, 1, 2, 0, 1, 2));
        write(dir, "data/test-images", images(2, 3, 3));
        write(dir, "data/test-labels", labels(1, 0));
        Spec spec = new Spec();
        spec.idx = new TaskSpec.IdxFiles("data/train-images", "data/train-labels", "data/test-images",
                "data/test-labels");
        TaskData task = load(spec);
        assertEquals(6, task.train().size());
        assertEquals(2, task.test().size());
        assertEquals(Dataset.numberedClasses(3), task.test().classNames()); // the training set's classes
    }

    @Test
    void readsCsvFilesRelativeToTheBaseFolder() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "label,x,y\n0,1,2\n1,3,4\n2,5,6\n");
        Files.writeString(dir.resolve("test.csv"), "label,x,y\n1,0,0\n");
        Spec spec = new Spec();
        spec.csv = new TaskSpec.FilePair("train.csv", "test.csv");
        TaskData task = load(spec);
        assertEquals("train.csv", task.name());
        assertEquals(3, task.classCount());
        assertEquals(task.train().classNames(), task.test().classNames());
    }

    @Test
    void readsImageFoldersAsTwentyEightSquareWithTheTrainingClasses() throws Exception {
        for (String file : List.of("train/cat/1.png", "train/dog/1.png", "test/dog/1.png")) {
            Path path = dir.resolve(file);
            Files.createDirectories(path.getParent());
            ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png", path.toFile());
        }
        Spec spec = new Spec();
        spec.folder = new TaskSpec.FilePair("train", "test");
        TaskData task = load(spec);
        assertArrayEquals(new int[] {28, 28}, task.train().sampleShape());
        assertEquals(List.of("cat", "dog"), task.test().classNames());
        assertArrayEquals(new int[] {1}, task.test().labels()); // dog is the training set's class 1
    }

    @Test
    void rejectsTestFilesOfAnotherShape() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "0,1,2\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "0,1,2,3\n");
        Spec spec = new Spec();
        spec.csv = new TaskSpec.FilePair("train.csv", "test.csv");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(spec));
        assertEquals(test, e.file());
        assertEquals("samples are 3 features but those of " + dir.resolve("train.csv") + " are 2 features",
                e.problem());
    }

    @Test
    void reportsAMissingFileByItsResolvedPath() {
        Spec spec = new Spec();
        spec.csv = new TaskSpec.FilePair("gone.csv", "test.csv");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> load(spec));
        assertEquals(dir.resolve("gone.csv") + ": no such file", e.getMessage());
    }

    @Test
    void rejectsASpecWithoutSource() {
        specFailure(new Spec(), "dataset, toy, idx, csv, folder",
                "dataset, toy, idx, csv, folder: a task needs one source; none is set");
    }

    @Test
    void rejectsASpecWithTwoSources() {
        Spec spec = mnist();
        spec.toy = "moons";
        specFailure(spec, "dataset, toy", "dataset, toy: a task takes exactly one source, this one sets 2");
    }

    @Test
    void rejectsAnUnknownBundledDatasetListingTheKnownOnes() {
        Spec spec = mnist();
        spec.dataset = "cifar";
        specFailure(spec, "dataset", "dataset: unknown dataset 'cifar'; bundled datasets are mnist, fashion");
    }

    @Test
    void rejectsAnUnknownToyKind() {
        Spec spec = moons();
        spec.toy = "moon";
        specFailure(spec, "toy", "toy: unknown toy set 'moon'; known: moons, circles, blobs, spirals");
    }

    @Test
    void rejectsAClassOutOfRange() {
        Spec spec = mnist();
        spec.classes = List.of(1, 12);
        specFailure(spec, "classes", "classes: class 12 is not a class of mnist (0..9)");
    }

    @Test
    void rejectsADuplicatedClass() {
        Spec spec = mnist();
        spec.classes = List.of(1, 2, 1);
        specFailure(spec, "classes", "classes: class 1 is listed twice");
    }

    @Test
    void rejectsAnEmptyClassList() {
        Spec spec = mnist();
        spec.classes = List.of();
        specFailure(spec, "classes", "classes: is empty; list at least one class");
    }

    @Test
    void rejectsANonPositiveSampleCountPerClass() {
        Spec spec = mnist();
        spec.trainPerClass = 0;
        specFailure(spec, "trainPerClass", "trainPerClass: must be at least 1, not 0");
        spec.trainPerClass = null;
        spec.testPerClass = -3;
        specFailure(spec, "testPerClass", "testPerClass: must be at least 1, not -3");
    }

    @Test
    void rejectsToyFieldsOnOtherSources() {
        Spec spec = mnist();
        spec.samples = 100;
        specFailure(spec, "samples", "samples: applies only to toy sets, not to a task from dataset (to use fewer"
                + " samples, set trainPerClass or testPerClass)");
    }

    @Test
    void rejectsBadToyCountsAndNoise() {
        Spec spec = moons();
        spec.samples = 0;
        specFailure(spec, "samples", "samples: must be between 1 and 1000000, not 0");
        spec.samples = null;
        spec.noise = -0.1;
        specFailure(spec, "noise", "noise: must be a finite number >= 0, not -0.1");
    }

    @Test
    void rejectsRotatingPoints() {
        Spec spec = moons();
        spec.rotate = 30.0;
        specFailure(spec, "rotate", "rotate: applies to images, but moons holds feature vectors");
    }

    @Test
    void rejectsAMissingFileField() {
        Spec spec = new Spec();
        spec.idx = new TaskSpec.IdxFiles("a", "b", "c", null);
        specFailure(spec, "idx.testLabels", "idx.testLabels: missing");
        spec.csv = null;
        Spec csv = new Spec();
        csv.csv = new TaskSpec.FilePair("train.csv", " ");
        specFailure(csv, "csv.test", "csv.test: empty path");
    }

    @Test
    void anAbsolutePathIgnoresTheBaseFolder() throws Exception {
        Path train = Files.writeString(dir.resolve("abs-train.csv"), "0,1,2\n1,2,3\n");
        Spec spec = new Spec();
        spec.csv = new TaskSpec.FilePair(train.toAbsolutePath().toString(), train.toAbsolutePath().toString());
        assertTrue(TaskLoader.load(spec.build(), dir.resolve("elsewhere")).train().size() == 2);
    }
}
