package org.ewclab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bundled subsets as assets/datasets/README.md documents them. Tests run from the repository root. */
class BundledDatasetsTest {
    private static final Path FOLDER = Path.of("assets", "datasets");

    @Test
    void mnistHasTheDocumentedCountsShapeAndClasses() {
        TaskData mnist = BundledDatasets.mnist();
        assertEquals("mnist", mnist.name());
        assertEquals(8000, mnist.train().size());
        assertEquals(2000, mnist.test().size());
        assertArrayEquals(new int[] {28, 28}, mnist.train().sampleShape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), mnist.train().classNames());
        assertEquals(mnist.train().classNames(), mnist.test().classNames());
    }

    @Test
    void fashionHasUniformClassesWithTheirNames() {
        TaskData fashion = BundledDatasets.fashion();
        assertEquals("fashion", fashion.name());
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot"), fashion.train().classNames());
        for (int i = 0; i < 10; i++) {
            assertEquals(1200, fashion.train().classCounts()[i]);
            assertEquals(200, fashion.test().classCounts()[i]);
        }
    }

    @Test
    void theImagesHoldDigitsAndClothesNotNoise() {
        // Mean pixel of MNIST is about 33 and of Fashion-MNIST about 73 (of 255): a decoding error would miss both.
        assertEquals(33, meanPixel(BundledDatasets.mnist().train()), 3);
        assertEquals(73, meanPixel(BundledDatasets.fashion().train()), 5);
    }

    private static double meanPixel(Dataset d) {
        long sum = 0;
        for (byte b : d.pixels()) {
            sum += b & 0xFF;
        }
        return (double) sum / ((long) d.size() * d.featureCount());
    }

    @Test
    void eachDatasetIsReadOnceAndShared() {
        assertSame(BundledDatasets.mnist(), BundledDatasets.load("mnist"));
    }

    @Test
    void theCatalogListsMnistAndFashion() {
        assertEquals(List.of("mnist", "fashion"), BundledDatasets.names());
        assertEquals("Fashion-MNIST", BundledDatasets.title("fashion"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BundledDatasets.load("cifar"));
        assertEquals("unknown dataset 'cifar'; bundled datasets are mnist, fashion", e.getMessage());
    }

    @Test
    void theFilesMatchTheChecksumsOfTheReadme() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        Matcher row = Pattern.compile("\\| `([^`]+\\.gz)` \\|.*\\| `([0-9a-f]{64})` \\|")
                .matcher(Files.readString(FOLDER.resolve("README.md")));
        while (row.find()) {
            expected.put(row.group(1), row.group(2));
        }
        assertEquals(8, expected.size(), "the README lists eight files");
        for (Map.Entry<String, String> file : expected.entrySet()) {
            byte[] bytes = Files.readAllBytes(FOLDER.resolve(file.getKey()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            assertEquals(file.getValue(), HexFormat.of().formatHex(digest), file.getKey());
        }
    }

    @Test
    void theFilesOnDiskAreTheOnesOnTheClasspath() throws Exception {
        Dataset fromDisk = DatasetFiles.readIdx(FOLDER.resolve("mnist-test-images-idx3-ubyte.gz"),
                FOLDER.resolve("mnist-test-labels-idx1-ubyte.gz"), null);
        assertArrayEquals(fromDisk.pixels(), BundledDatasets.mnist().test().pixels());
        assertArrayEquals(fromDisk.labels(), BundledDatasets.mnist().test().labels());
        assertEquals(2000, fromDisk.size(), "the README's count of the MNIST test set");
    }
}
