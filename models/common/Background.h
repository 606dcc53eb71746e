#pragma once

// Background work whose result comes back through the event queue.
//
// QFuture::then(context, …) runs the continuation synchronously, inside the caller,
// when the work has already finished by the time .then() is attached (it happens on
// a loaded machine): signals then fire in the middle of open()/load(), before callers
// are ready for them. Here the result always takes the event queue to the main
// thread, and is dropped when `context` is gone.

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>
#include <utility>

namespace devdash {

// `context` lives on the main thread (models and widgets do).
template<typename Work, typename Done> void runInBackground(QObject *context, Work work, Done done)
{
    using ResultType = std::invoke_result_t<Work &>;
    QPointer<QObject> guard(context);
    // The future is not needed: cancellation goes through the work's own token.
    (void)QtConcurrent::run([guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = std::make_shared<ResultType>(work());
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [guard, done = std::move(done), result]() mutable {
                if (guard)
                    done(std::move(*result));
            },
            Qt::QueuedConnection);
    });
}

} // namespace devdash
