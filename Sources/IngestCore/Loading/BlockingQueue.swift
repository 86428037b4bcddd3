import Foundation

/// A bounded first-in first-out queue between two threads that may block.
///
/// ``push(_:)`` waits while the queue is full (back-pressure on the parser), ``pop()`` waits while
/// it is empty. ``close(with:drain:)`` wakes both sides: later pushes throw the error; pops throw
/// it at once, or, with `drain`, first take what is left (a parser that failed still hands over
/// the whole batches it finished, so they commit whatever the two threads' timing). Used between the parser thread and the COPY writer; never call it from
/// the cooperative thread pool.
final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closedError: (any Error)?
    private var drainOnClose = false

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Appends `item`, waiting for room; throws the close error once the queue is closed.
    func push(_ item: Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && closedError == nil { condition.wait() }
        if let closedError { throw closedError }
        items.append(item)
        condition.broadcast()
    }

    /// Removes the oldest item, waiting for one; throws the close error when closed (when closed
    /// with `drain`, once no item is left).
    func pop() throws -> Element {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && closedError == nil { condition.wait() }
        if let closedError, !drainOnClose || head == items.count { throw closedError }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Closes the queue: both sides see `error` from now on (pops only after the items left, with
    /// `drain`). The first close wins.
    func close(with error: any Error, drain: Bool = false) {
        condition.lock()
        if closedError == nil {
            closedError = error
            drainOnClose = drain
        }
        condition.broadcast()
        condition.unlock()
    }
}
