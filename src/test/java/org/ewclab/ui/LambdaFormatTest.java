package org.ewclab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class LambdaFormatTest {

    @Test
    void typedValuesParseInEveryCommonSpelling() {
        assertEquals(1e5, LambdaFormat.parse("1e5").getAsDouble());
        assertEquals(1e5, LambdaFormat.parse(" 100 000 ").getAsDouble());
        assertEquals(2500, LambdaFormat.parse("2.5E3").getAsDouble());
        assertEquals(7, LambdaFormat.parse("λ=7").getAsDouble());
    }

    @Test
    void invalidOrOutOfRangeTextIsRejected() {
        assertFalse(LambdaFormat.parse("abc").isPresent());
        assertFalse(LambdaFormat.parse("-1").isPresent());
        assertFalse(LambdaFormat.parse("").isPresent());
        assertFalse(LambdaFormat.parse("1e20").isPresent());
        assertFalse(LambdaFormat.parse("NaN").isPresent());
    }

    @Test
    void sliderPositionsRoundTripAndSnapToTwoDigits() {
        assertEquals(5, LambdaFormat.toSlider(1e5), 1e-12);
        assertEquals(8, LambdaFormat.toSlider(1e11), 1e-12);
        assertEquals(-2, LambdaFormat.toSlider(0), 1e-12);
        assertEquals(1e5, LambdaFormat.fromSlider(5), 1e-6);
        assertEquals(32000, LambdaFormat.fromSlider(Math.log10(31_623)), 1e-6);
    }

    @Test
    void aRefusedLambdaIsExplainedInWords() {
        assertEquals("", LambdaFormat.problem("1e5"));
        assertEquals("", LambdaFormat.problem(" 2 500 "));
        org.junit.jupiter.api.Assertions.assertTrue(LambdaFormat.problem("abc").contains("\"abc\" is not a number"));
        org.junit.jupiter.api.Assertions.assertTrue(LambdaFormat.problem("-5").startsWith("λ cannot be negative"));
        org.junit.jupiter.api.Assertions.assertTrue(LambdaFormat.problem("").startsWith("λ is empty"));
        org.junit.jupiter.api.Assertions.assertTrue(LambdaFormat.problem("1e13").contains("larger than 1e12"));
        org.junit.jupiter.api.Assertions.assertTrue(LambdaFormat.problem("NaN").contains("not a number"));
    }
}
