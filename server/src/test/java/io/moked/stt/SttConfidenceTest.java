package io.moked.stt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SttConfidenceTest {
    @Test
    void tokenLogprobsGiveTheirGeometricMeanProbability() {
        double[] lp = {Math.log(0.9), Math.log(0.8), Math.log(0.5)};
        assertEquals(Math.cbrt(0.9 * 0.8 * 0.5), SttConfidence.fromTokenLogprobs(lp, Double.NaN), 1e-12);
        assertEquals(Math.cbrt(0.9 * 0.8 * 0.5) * 0.75, SttConfidence.fromTokenLogprobs(lp, 0.25), 1e-12);
    }

    @Test
    void segmentsAreWeightedByTheirTokenCounts() {
        // 3 tokens at mean log p -0.1 and 1 token at -0.9: mean -0.3; no-speech 0.1 and 0.5: weighted 0.2
        double c = SttConfidence.fromSegments(List.of(new SttConfidence.Segment(-0.1, 3, 0.1),
                new SttConfidence.Segment(-0.9, 1, 0.5)));
        assertEquals(Math.exp(-0.3) * 0.8, c, 1e-12);
    }

    @Test
    void segmentsWithoutTokenCountsWeighEqually() {
        double c = SttConfidence.fromSegments(List.of(new SttConfidence.Segment(-0.2, 0, 0.0),
                new SttConfidence.Segment(-0.4, 0, Double.NaN)));
        assertEquals(Math.exp(-0.3), c, 1e-12);
    }

    @Test
    void nothingReportedMeansUnknownNeverADefault() {
        assertTrue(Double.isNaN(SttConfidence.fromTokenLogprobs(new double[0], 0)));
        assertTrue(Double.isNaN(SttConfidence.fromTokenLogprobs(null, 0)));
        assertTrue(Double.isNaN(SttConfidence.fromSegments(List.of())));
        assertTrue(Double.isNaN(SttConfidence.fromTokenLogprobs(new double[] {-0.1, Double.NaN}, 0)));
        assertTrue(new SttEngine.Transcript("x", 0.4, "he").hasConfidence());
        assertTrue(!new SttEngine.Transcript("x", SttConfidence.UNKNOWN, "he").hasConfidence());
    }

    @Test
    void probabilitiesStayInRange() {
        assertEquals(1.0, SttConfidence.fromTokenLogprobs(new double[] {0.3}, -2), 1e-12, "clamped");
        assertEquals(0.0, SttConfidence.fromSegments(List.of(new SttConfidence.Segment(-0.1, 2, 1.0))), 1e-12);
    }
}
