package io.socketcore.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryBudgetTest {

	@Test
	void reservationsBeyondTheLimitAreRefusedAndCounted() {
		MemoryBudget budget = new MemoryBudget(1000);
		MemoryBudget.Account first = budget.account(0);
		MemoryBudget.Account second = budget.account(0);
		assertThat(first.tryReserve(600, MemoryBudget.Use.FRAME)).isTrue();
		assertThat(second.tryReserve(500, MemoryBudget.Use.REQUEST)).isFalse();
		assertThat(second.held()).isZero();
		assertThat(budget.refusals(MemoryBudget.Use.REQUEST)).isEqualTo(1);
		assertThat(budget.refusals(MemoryBudget.Use.FRAME)).isZero();
		assertThat(second.tryReserve(400, MemoryBudget.Use.REQUEST)).isTrue();
		assertThat(budget.used()).isEqualTo(1000);
		first.releaseAll();
		assertThat(budget.used()).isEqualTo(400);
		assertThat(second.tryReserve(500, MemoryBudget.Use.REQUEST)).isTrue();
	}

	@Test
	void theAllowanceIsUsedFirstAndNeverDrawsOnTheBudget() {
		MemoryBudget budget = new MemoryBudget(100);
		MemoryBudget.Account account = budget.account(4096);
		assertThat(account.tryReserve(4000, MemoryBudget.Use.FRAME)).isTrue();
		assertThat(budget.used()).isZero();
		assertThat(account.tryReserve(150, MemoryBudget.Use.FRAME)).as("54 bytes over the allowance").isTrue();
		assertThat(budget.used()).isEqualTo(54);
		assertThat(account.tryReserve(100, MemoryBudget.Use.FRAME)).isFalse();
		account.release(100);
		assertThat(budget.used()).isZero();
		assertThat(account.held()).isEqualTo(4050);
	}

	@Test
	void aClosedAccountReturnsEverythingAndTakesNothingMore() {
		MemoryBudget budget = new MemoryBudget(1000);
		MemoryBudget.Account account = budget.account(10);
		assertThat(account.tryReserve(500, MemoryBudget.Use.FRAME)).isTrue();
		account.close();
		assertThat(budget.used()).isZero();
		assertThat(account.tryReserve(1, MemoryBudget.Use.FRAME)).isFalse();
		account.release(500);
		account.releaseAll();
		assertThat(budget.used()).as("releasing after close never goes below zero").isZero();
	}

	@Test
	void releasingMoreThanHeldReturnsOnlyWhatWasHeld() {
		MemoryBudget budget = new MemoryBudget(1000);
		MemoryBudget.Account other = budget.account(0);
		MemoryBudget.Account account = budget.account(0);
		other.tryReserve(300, MemoryBudget.Use.FRAME);
		account.tryReserve(200, MemoryBudget.Use.FRAME);
		account.release(10_000);
		assertThat(budget.used()).isEqualTo(300);
	}

	@Test
	void theLimitMustBePositive() {
		assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
	}

}
