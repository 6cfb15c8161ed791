package dev.encore.control.osc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyBudgetTest {
    private final ReplyBudget budget = new ReplyBudget();

    @Test
    void answersToOnePacketStopAtTheMessageBudgetWithOneErrorInPlaceOfTheRest() {
        OscPacket.Message row = new OscPacket.Message("/encore/list/item", List.of(1, "Song", "0123456789abcdef", 0));
        for (int i = 0; i < ReplyBudget.MAX_MESSAGES; i++) {
            assertEquals(ReplyBudget.Spend.SEND, budget.spend(row), "message " + i);
        }
        assertEquals(ReplyBudget.Spend.REPLACE_WITH_ERROR, budget.spend(row));
        assertEquals(ReplyBudget.Spend.DROP, budget.spend(row));
        assertEquals(ReplyBudget.Spend.DROP, budget.spend(row));
    }

    @Test
    void largeAnswersStopAtTheByteBudget() {
        OscPacket.Message big = new OscPacket.Message("/encore/param/text", List.of("x".repeat(20_000)));
        int sent = 0;
        while (budget.spend(big) == ReplyBudget.Spend.SEND) {
            sent++;
        }
        assertEquals(ReplyBudget.MAX_BYTES / ReplyBudget.estimatedBytes(big), sent);
        assertEquals(ReplyBudget.Spend.DROP, budget.spend(big));
    }
}
